package dev.souk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessCpuTests {

    @Test
    void costPerOrderIsTheCpuUsedOverTheOrdersDearestFirstWithTheSumLast() {
        List<BenchResult.ProcessCost> costs = ProcessCpu.perOrder(
                Map.of("gateway", 100L, "integration-hub", 1_000L, "restarted", 9_000L),
                Map.of("gateway", 600L, "integration-hub", 3_000L, "restarted", 10L, "new-one", 100L), 100);

        assertThat(costs).extracting(BenchResult.ProcessCost::process)
                .containsExactly("integration-hub", "gateway", "new-one", "all");
        assertThat(costs.get(0).cpuMsPerOrder()).isEqualTo(20.0);
        assertThat(costs.get(costs.size() - 1)).isEqualTo(new BenchResult.ProcessCost("all", 2_600, 26.0));
    }

    @Test
    void thisJvmIsReadFromProcWhereThereIsOne() {
        // the test JVM itself is no Souk app, but reading /proc must not fail
        assertThat(ProcessCpu.snapshot()).isNotNull();
        assertThat(ProcessCpu.soukProcessName(Path.of("/proc/self"))).isNull();
    }
}
