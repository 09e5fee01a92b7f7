package dev.souk.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProcessModelLintTests {

    /** Surefire runs in the module directory. */
    private static final Path MODELS = Path.of("src/main/resources/bpmn");
    private static final Path FIXTURES = Path.of("src/test/resources/lint");

    @Test
    void everyShippedModelFollowsTheRules() throws IOException {
        // given every model the hub deploys
        List<Path> models = ProcessModelLint.modelsUnder(MODELS);

        // when each is linted
        List<String> violations = new ArrayList<>();
        for (Path model : models) {
            violations.addAll(ProcessModelLint.violations(model));
        }

        // then nothing is reported (an empty folder is fine)
        assertThat(violations).isEmpty();
    }

    @Test
    void aModelBreakingEveryRuleIsReported() throws IOException {
        // given a model without historyTimeToLive, with generated ids and a service task that runs in the transaction
        // of whoever delivers a message
        Path bad = FIXTURES.resolve("violates-house-rules.bpmn");

        // when
        List<String> violations = ProcessModelLint.violations(bad);

        // then each rule reports it
        assertThat(violations)
                .anySatisfy(v -> assertThat(v).contains("historyTimeToLive"))
                .anySatisfy(v -> assertThat(v).contains("process id looks generated"))
                .anySatisfy(v -> assertThat(v).contains("'Activity_0k3j9xq' has a generated id"))
                .anySatisfy(v -> assertThat(v).contains("'Task_1' has a generated id"))
                .anySatisfy(v -> assertThat(v).contains("service task 'Task_ChargeCard' is not camunda:asyncBefore, yet follows 'Event_Paid'"));
        // and neither the async task nor one carrying on the transaction of the task before it is blamed
        assertThat(violations).noneSatisfy(v -> assertThat(v).contains("Task_ReleaseStock"))
                .noneSatisfy(v -> assertThat(v).contains("service task 'Task_1'"));
    }

    @Test
    void aModelFollowingTheRulesPasses() throws IOException {
        assertThat(ProcessModelLint.violations(FIXTURES.resolve("follows-house-rules.bpmn"))).isEmpty();
    }

    @Test
    void meaningfulIdsAreNotMistakenForGeneratedOnes() {
        assertThat(ProcessModelLint.isGenerated("Task_ReserveStock")).isFalse();
        assertThat(ProcessModelLint.isGenerated("Process_OrderLifecycle")).isFalse();
        assertThat(ProcessModelLint.isGenerated("Task_refund")).isFalse();
        assertThat(ProcessModelLint.isGenerated("Activity_1qd5qvg")).isTrue();
        assertThat(ProcessModelLint.isGenerated("ServiceTask_12")).isTrue();
        assertThat(ProcessModelLint.isGenerated("Process_0abc123")).isTrue();
    }
}
