package dev.souk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.souk.bench.BenchResult.ErrorCount;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runner against small HTTP servers on 127.0.0.1 that speak the gateway's and product-service's contract. */
@Timeout(60)
class BenchRunTests {

    private final List<FakeStack> stacks = new ArrayList<>();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @AfterEach
    void stopServers() {
        stacks.forEach(FakeStack::close);
    }

    private FakeStack stack(int threads) throws Exception {
        FakeStack stack = new FakeStack(threads);
        stacks.add(stack);
        return stack;
    }

    private BenchResult run(String... args) {
        BenchOptions options = BenchOptions.parse(args);
        return new BenchRun(options, "test", new PrintStream(progress, true, StandardCharsets.UTF_8), System.nanoTime()).run();
    }

    @Test
    void drivesAllThreePhasesAndCountsOutcomesByStatusAndCode() throws Exception {
        FakeStack gateway = stack(8).outOfStockEvery(10).acceptedEvery(7);
        FakeStack products = stack(4).productsOnly();

        BenchResult result = run("--base-url", gateway.url(), "--product-url", products.url(), "--duration", "1s",
                "--warmup", "200ms", "--rate", "40", "--concurrency", "2", "--restock", "5000");

        assertThat(gateway.stockUpdates).singleElement().satisfies(body -> assertThat(body)
                .contains("\"productId\":\"prod-1\"", "\"variantId\":\"var-1\"", "\"onHand\":5000"));

        BenchResult.Reads reads = result.reads();
        assertThat(reads.direct().ok()).isPositive();
        assertThat(reads.gateway().ok()).isPositive();
        // interleaved: each worker alternates, so both sides see (almost) the same number of calls
        assertThat((double) reads.direct().count()).isCloseTo(reads.gateway().count(), within(3.0));
        assertThat(reads.direct().failed()).isZero();
        assertThat(reads.overhead().p50Ms()).isNotNull();
        assertThat(reads.measuredSeconds()).isBetween(0.9, 2.0);

        BenchResult.Rate rate = result.rate();
        // open model: 40/s for 1 s measured, whatever the answers
        assertThat(rate.scheduled()).isBetween(38L, 42L);
        assertThat(rate.achievedPerSecond()).isCloseTo(40, within(2.5));
        assertThat(rate.placed()).isPositive().isLessThan(rate.scheduled());
        assertThat(rate.confirmed() + rate.accepted()).isEqualTo(rate.placed());
        assertThat(rate.accepted()).isPositive();
        assertThat(rate.place().p99Ms()).isNotNull();

        BenchResult.Throughput throughput = result.throughput();
        assertThat(throughput.placed()).isPositive();
        assertThat(throughput.confirmed()).isPositive();
        assertThat(throughput.accepted()).isPositive();
        assertThat(throughput.confirmed() + throughput.accepted()).isEqualTo(throughput.placed());
        assertThat(throughput.confirmedPerSecond()).isCloseTo(throughput.confirmed() / throughput.measuredSeconds(), within(0.5));

        assertThat(result.errors()).extracting(ErrorCount::phase, ErrorCount::key)
                .contains(org.assertj.core.groups.Tuple.tuple("rate", "409 OUT_OF_STOCK"),
                        org.assertj.core.groups.Tuple.tuple("throughput", "409 OUT_OF_STOCK"))
                .allSatisfy(t -> assertThat(t.toList().get(1)).isEqualTo("409 OUT_OF_STOCK"));
        assertThat(result.targets()).hasSize(4);
        assertThat(result.requestsSent()).isEqualTo(gateway.requests.get() + products.requests.get());
        assertThat(result.wallSeconds()).isLessThan(result.settings() == null ? 0 : 3 * 1.2 + 10);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("phase reads", "phase rate", "phase throughput");
    }

    @Test
    void neverSendsMoreThanMaxRequests() throws Exception {
        FakeStack gateway = stack(4);
        FakeStack products = stack(2).productsOnly();

        BenchResult result = run("--base-url", gateway.url(), "--product-url", products.url(), "--duration", "1s",
                "--warmup", "0s", "--concurrency", "4", "--max-requests", "90");

        assertThat(gateway.requests.get() + products.requests.get()).isLessThanOrEqualTo(90);
        assertThat(result.requestsSent()).isLessThanOrEqualTo(90);
        assertThat(result.notes()).anySatisfy(note -> assertThat(note).contains("--max-requests"));
    }

    @Test
    void fixedRateKeepsTheScheduleAndMeasuresFromItWhenTheServerFallsBehind() throws Exception {
        // one server thread, 100 ms per order: capacity 10/s against a schedule of 20/s
        FakeStack gateway = stack(1).orderDelayMillis(100);

        BenchResult result = run("--base-url", gateway.url(), "--phases", "rate", "--rate", "20", "--duration", "1s",
                "--warmup", "0s", "--rate-confirm", "false", "--restock", "0");

        BenchResult.Rate rate = result.rate();
        assertThat(rate.scheduled()).isBetween(19L, 21L);
        assertThat(rate.placed()).isEqualTo(rate.scheduled());
        // the last orders waited ~1 s behind their schedule; a closed loop would have reported ~100 ms
        assertThat(rate.place().p99Ms()).isGreaterThan(700.0);
        assertThat(rate.place().p50Ms()).isGreaterThan(300.0);
        assertThat(gateway.confirms.get()).isZero();
        assertThat(gateway.stockUpdates).isEmpty();
    }

    @Test
    void slowAnswersBecomeTimeoutsAndTheRunStaysBounded() throws Exception {
        FakeStack gateway = stack(4).orderDelayMillis(1500);

        long started = System.nanoTime();
        BenchResult result = run("--base-url", gateway.url(), "--phases", "throughput", "--duration", "1s",
                "--warmup", "0s", "--concurrency", "2", "--timeout", "300ms");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.throughput().placed()).isZero();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.key()).isEqualTo("timeout");
            assertThat(error.count()).isBetween(4L, 10L);
        });
        assertThat(result.targets()).anySatisfy(t -> assertThat(t.verdict()).isEqualTo(BenchResult.Verdict.MISS));
    }

    @Test
    void commandLineRunPrintsTheTableAndWritesJson(@TempDir Path dir) throws Exception {
        FakeStack gateway = stack(4);
        FakeStack products = stack(2).productsOnly();
        Path json = dir.resolve("out/result.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Bench.run(new String[] {"--base-url", gateway.url(), "--product-url", products.url(),
                "--phases", "reads,throughput", "--duration", "500ms", "--warmup", "100ms", "--concurrency", "2",
                "--token", "s3cret", "--out", json.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        assertThat(table).contains("# Souk benchmark", "## 1. Product reads", "## 3. Max throughput", "## Targets",
                "--token ***").doesNotContain("s3cret", "## 2.");
        JsonNode node = BenchClient.JSON.readTree(json.toFile());
        assertThat(node.at("/machine/cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(node.at("/reads/gateway/ok").asLong()).isPositive();
        assertThat(node.at("/throughput/confirmed").asLong()).isPositive();
        assertThat(node.at("/targets").size()).isEqualTo(4);
        assertThat(node.has("rate")).isFalse();
        assertThat(node.toString()).doesNotContain("s3cret");
    }

    @Test
    void refusesToStartWhenTheStackDoesNotAnswer() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Bench.run(new String[] {"--base-url", "http://127.0.0.1:9", "--duration", "1s"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false);

        assertThat(status).isEqualTo(Bench.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no answer from http://127.0.0.1:9");
    }

    @Test
    void refusesNonLoopbackHostsBeforeSendingAnything() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Bench.run(new String[] {"--base-url", "http://example.com"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), false);

        assertThat(status).isEqualTo(Bench.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing non-loopback host");
    }
}
