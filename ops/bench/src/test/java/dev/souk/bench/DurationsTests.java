package dev.souk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTests {

    @Test
    void parsesUnitsAndCombinations() {
        assertThat(Durations.parse("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(Durations.parse(" 0s ")).isZero();
    }

    @Test
    void rejectsGarbage() {
        for (String bad : new String[] {"", "s", "20x", "-5s", "20 s", "5s10", "ms20"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void formatsWholeSecondsAndMillis() {
        assertThat(Durations.format(Duration.ofSeconds(20))).isEqualTo("20s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofMillis(61_200))).isEqualTo("61.2s");
        assertThat(Durations.parse(Durations.format(Duration.ofMillis(61_250)))).isEqualTo(Duration.ofMillis(61_250));
    }
}
