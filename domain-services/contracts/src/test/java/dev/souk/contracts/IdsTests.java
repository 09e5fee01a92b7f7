package dev.souk.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTests {

    @ParameterizedTest
    @ValueSource(strings = {"prod-1", "ord-2f1c.v3", "pm_abc", "user:42", "A"})
    void idsOfEveryKindFollowTheOneRule(String id) {
        assertThat(Ids.isValid(id)).isTrue();
        assertThat(id).matches(Ids.PATTERN);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"_pm", "-1", "a b", "prod/1", "prod?1", "ünï"})
    void anythingElseIsRefused(String id) {
        assertThat(Ids.isValid(id)).isFalse();
    }

    @Test
    void anIdHasAtMost64Characters() {
        assertThat(Ids.isValid("x".repeat(64))).isTrue();
        assertThat(Ids.isValid("x".repeat(65))).isFalse();
    }
}
