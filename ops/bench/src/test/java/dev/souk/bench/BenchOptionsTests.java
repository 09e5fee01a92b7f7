package dev.souk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.souk.bench.BenchOptions.Phase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTests {

    @Test
    void defaultsMatchTheDocumentedBenchmark() {
        BenchOptions options = BenchOptions.defaults();

        assertThat(options.baseUrl()).hasToString("http://127.0.0.1:8080");
        assertThat(options.productUrl()).hasToString("http://127.0.0.1:8103");
        assertThat(options.phases()).containsExactly(Phase.READS, Phase.RATE, Phase.THROUGHPUT);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.rate()).isEqualTo(30);
        assertThat(options.concurrency()).isEqualTo(8);
        assertThat(options.userId()).isEqualTo("user-123");
        assertThat(options.productId()).isEqualTo("prod-1");
        assertThat(options.variantId()).isEqualTo("var-1");
        assertThat(options.restock()).isEqualTo(1_000_000);
        assertThat(options.maxRequests()).isEqualTo(200_000);
        assertThat(options.confirmInRatePhase()).isTrue();
        assertThat(options.out()).isNull();
        // three phases of 5 s + 20 s, plus 60 s
        assertThat(options.hardLimit()).isEqualTo(Duration.ofSeconds(135));
    }

    @Test
    void parsesEveryOptionInBothSpellings() {
        BenchOptions options = BenchOptions.parse(new String[] {
                "--base-url", "http://localhost:9080/", "--product-url=http://127.0.0.2:9103",
                "--phases", "throughput,reads", "--duration=3s", "--warmup", "0s", "--rate", "12.5",
                "--concurrency", "3", "--user", "u-9", "--product", "p-9", "--variant", "v-9", "--restock", "0",
                "--max-requests", "1_000", "--timeout", "750ms", "--rate-confirm", "false", "--out", "x/r.json",
                "--token", "secret", "--fail-on-miss"});

        assertThat(options.baseUrl()).hasToString("http://127.0.0.1:9080");
        assertThat(options.productUrl()).hasToString("http://127.0.0.2:9103");
        assertThat(options.phases()).containsExactly(Phase.READS, Phase.THROUGHPUT);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.warmup()).isZero();
        assertThat(options.rate()).isEqualTo(12.5);
        assertThat(options.concurrency()).isEqualTo(3);
        assertThat(options.userId()).isEqualTo("u-9");
        assertThat(options.productId()).isEqualTo("p-9");
        assertThat(options.variantId()).isEqualTo("v-9");
        assertThat(options.restock()).isZero();
        assertThat(options.maxRequests()).isEqualTo(1000);
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(options.confirmInRatePhase()).isFalse();
        assertThat(options.out()).isEqualTo(Path.of("x/r.json"));
        assertThat(options.token()).isEqualTo("secret");
        assertThat(options.failOnMiss()).isTrue();
        assertThat(options.hardLimit()).isEqualTo(Duration.ofSeconds(66));
    }

    @Test
    void refusesEveryHostThatIsNotThisMachine() {
        for (String url : new String[] {"http://example.com:8080", "http://10.0.0.1:8080", "http://192.168.1.5",
                "http://127.0.0.1.nip.io:8080", "http://0.0.0.0:8080", "http://[::2]:8080", "http://user@127.0.0.1:8080",
                "ftp://127.0.0.1", "127.0.0.1:8080", "http://127.0.0.1:8080?x=1", "http://999.0.0.1"}) {
            assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--base-url", url}))
                    .as(url).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--base-url");
            assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--product-url", url}))
                    .as(url).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--product-url");
        }
    }

    @Test
    void acceptsLoopbackLiteralsAndPinsLocalhost() {
        assertThat(BenchOptions.parse(new String[] {"--base-url", "http://[::1]:8080"}).baseUrl())
                .hasToString("http://[::1]:8080");
        assertThat(BenchOptions.parse(new String[] {"--base-url", "http://LOCALHOST:8080"}).baseUrl())
                .hasToString("http://127.0.0.1:8080");
    }

    @Test
    void rejectsUnknownMissingDuplicateAndOutOfRangeValues() {
        String[][] bad = {
                {"--colour", "red"}, {"--duration"}, {"--rate", "0"}, {"--rate", "fast"}, {"--concurrency", "0"},
                {"--concurrency", "10000"}, {"--duration", "0s"}, {"--duration", "2h"}, {"--restock", "-1"},
                {"--max-requests", "0"}, {"--phases", "reads,writes"}, {"--phases", ","}, {"--user", " "},
                {"--rate-confirm", "maybe"}, {"--rate", "1", "--rate", "2"}, {"positional"}};
        for (String[] args : bad) {
            assertThatThrownBy(() -> BenchOptions.parse(args)).as(String.join(" ", args))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void helpIsItsOwnOutcome() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rate", "5", "--help"}))
                .isInstanceOf(BenchOptions.HelpRequested.class);
    }

    @Test
    void printedCommandLineMasksTheTokenAndQuotesOddArguments() {
        String line = BenchOptions.describeCommandLine(new String[] {
                "--token", "abc.def", "--user", "Jane Doe", "--token=xyz", "--duration", "5s"});

        assertThat(line).isEqualTo(
                "java -jar ops/bench/target/bench.jar --token *** --user 'Jane Doe' --token=*** --duration 5s");
    }
}
