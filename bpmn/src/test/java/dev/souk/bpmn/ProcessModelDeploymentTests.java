package dev.souk.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's own parser is stricter than the model API (expressions, timers,
 * enforced historyTimeToLive): every shipped model must deploy to a real engine.
 */
class ProcessModelDeploymentTests {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
            .useProcessEngine(ProcessTestEngine.get())
            .build();

    private static final Path MODELS = Path.of("src/main/resources/bpmn");
    private static final Path FIXTURES = Path.of("src/test/resources/lint");

    private ProcessEngine engine;

    @AfterEach
    void undeploy() {
        engine.getRepositoryService().createDeploymentQuery().list()
                .forEach(d -> engine.getRepositoryService().deleteDeployment(d.getId(), true));
    }

    @Test
    void everyShippedModelDeploysToTheEngine() throws IOException {
        // given
        engine = extension.getProcessEngine();
        List<Path> models = ProcessModelLint.modelsUnder(MODELS);
        long executableProcesses = 0;
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("shipped-models");
        for (Path model : models) {
            try (InputStream in = Files.newInputStream(model)) {
                executableProcesses += Bpmn.readModelFromStream(in).getModelElementsByType(Process.class)
                        .stream().filter(Process::isExecutable).count();
            }
            deployment.addInputStream("bpmn/" + model.getFileName(), Files.newInputStream(model));
        }

        // when
        if (!models.isEmpty()) {
            deployment.deploy();
        }

        // then
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isEqualTo(executableProcesses);
    }

    @Test
    void aServiceTaskWithAsyncBeforeWaitsAsAJobForTheJobExecutor() throws IOException {
        // given the compliant lint fixture deployed
        engine = extension.getProcessEngine();
        Deployment deployment;
        try (InputStream in = Files.newInputStream(FIXTURES.resolve("follows-house-rules.bpmn"))) {
            deployment = engine.getRepositoryService().createDeployment()
                    .addInputStream("follows-house-rules.bpmn", in).deploy();
        }
        assertThat(deployment.getId()).isNotBlank();

        // when an instance starts
        ProcessInstance instance = runtimeService().startProcessInstanceByKey("Process_LintFixture", "order-42");

        // then it has committed and waits before the remote step instead of calling it in the caller's transaction
        assertThat(instance).isStarted().isWaitingAt("Task_ChargeCard");
        assertThat(instance).job().isNotNull();
    }
}
