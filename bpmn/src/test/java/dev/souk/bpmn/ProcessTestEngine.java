package dev.souk.bpmn;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;

/**
 * One in-memory H2 engine shared by all process tests of this module. Jobs are not
 * executed in the background: tests drive async continuations and timers themselves.
 */
final class ProcessTestEngine {

    private static ProcessEngine engine;

    private ProcessTestEngine() {
    }

    static synchronized ProcessEngine get() {
        if (engine == null) {
            StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
            configuration.setProcessEngineName("souk-process-tests");
            configuration.setJdbcUrl("jdbc:h2:mem:souk-process-tests;DB_CLOSE_DELAY=-1");
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
            configuration.setHistoryLevel(HistoryLevel.HISTORY_LEVEL_FULL);
            configuration.setJobExecutorActivate(false);
            configuration.setEnforceHistoryTimeToLive(true);
            configuration.setMetricsEnabled(false);
            // process tests stand in for the hub's beans (camelStep, orderOutcomes, ...) through Mocks
            configuration.setExpressionManager(new MockExpressionManager());
            engine = configuration.buildProcessEngine();
        }
        return engine;
    }
}
