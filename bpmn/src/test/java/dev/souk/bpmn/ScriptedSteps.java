package dev.souk.bpmn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * Stands in for the hub's Camel bridge in process tests: every service task succeeds unless a test scripted
 * its endpoint to raise a business error (a BpmnError, as the bridge does) or to be down.
 */
final class ScriptedSteps implements JavaDelegate {

    private final Map<String, Deque<String>> businessErrors = new HashMap<>();
    private final Set<String> down = new HashSet<>();
    final List<String> called = new ArrayList<>();

    /** The next call of {@code endpoint} raises the business error {@code code}. */
    ScriptedSteps failNext(String endpoint, String code) {
        businessErrors.computeIfAbsent(endpoint, e -> new ArrayDeque<>()).add(code);
        return this;
    }

    /** Every call of {@code endpoint} fails technically until it {@link #recover(String) recovers}. */
    ScriptedSteps breakDown(String endpoint) {
        down.add(endpoint);
        return this;
    }

    ScriptedSteps recover(String endpoint) {
        down.remove(endpoint);
        return this;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String endpoint = endpointOf(execution);
        called.add(endpoint);
        if (down.contains(endpoint)) {
            throw new IllegalStateException(endpoint + " is unavailable");
        }
        String code = businessErrors.getOrDefault(endpoint, new ArrayDeque<>()).poll();
        if (code != null) {
            throw new BpmnError(code, endpoint + " failed with " + code);
        }
    }

    static String endpointOf(DelegateExecution execution) {
        CamundaProperties properties = execution.getBpmnModelElementInstance().getExtensionElements()
                .getElementsQuery().filterByType(CamundaProperties.class).singleResult();
        return properties.getCamundaProperties().stream()
                .filter(p -> "camel.endpoint".equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .findFirst()
                .orElseThrow();
    }
}
