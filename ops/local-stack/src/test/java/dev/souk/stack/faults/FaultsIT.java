package dev.souk.stack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.souk.stack.LocalStack;
import dev.souk.stack.StackOptions;

/**
 * The short fault run on a stack of its own (one JVM per app): each scenario once with a small load. Fails when an
 * order is stuck without an incident, a unit is oversold, an order is charged or refunded twice, a paid order does not
 * ship, or a notification is sent twice — and when the shop does not recover.
 */
class FaultsIT {

    @Test
    void theShopLosesNothingWhenThingsBreak() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        StackOptions stack = StackOptions.defaults().withIsolated(true).withDemo(StackOptions.Demo.ALWAYS)
                .withDataDir(Files.createDirectories(target.resolve("faults-data")).resolve("run-" + System.currentTimeMillis()))
                .withCdsDir(target.resolve("cds-isolated"))
                .withHealthTimeout(Duration.ofMinutes(5));

        List<ScenarioResult> results;
        try (LocalStack running = LocalStack.start(stack)) {
            results = new FaultHarness(running, new FaultHarness.Options(true, Fault.ALL, target.resolve("faults")),
                    System.out).runAll();
        }

        assertThat(results).hasSize(Fault.ALL.size()).allSatisfy(result -> {
            assertThat(result.started()).as(result.scenario()).isPositive();
            assertThat(result.clean()).as(result.toString()).isTrue();
            assertThat(result.recoverySeconds()).as(result.scenario() + " recovered").isGreaterThanOrEqualTo(0);
        });
        ScenarioResult rush = results.stream().filter(r -> r.scenario().equals("LAST_UNITS_RUSH")).findFirst().orElseThrow();
        assertThat(rush.completed()).as("ten units, ten paid orders at most").isLessThanOrEqualTo(10);
    }
}
