package dev.souk.hub.process;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one bridge from BPMN service tasks to Camel: a task names its route with the extension property
 * {@code camel.endpoint} (e.g. {@code direct:reserveStock}) and {@code camunda:delegateExpression="${camelStep}"}.
 *
 * <p>The route sees the process variables ({@link #VARIABLES}) and the business key ({@link #BUSINESS_KEY}); what it
 * puts in {@link #OUTPUT} becomes process variables. A {@link BusinessFailure} becomes a {@link BpmnError} with its
 * code (the model draws what follows) and leaves the problem in the variable {@link #LAST_FAILURE}; any other
 * failure is technical: the job fails, the engine retries it and finally raises an incident.
 */
@Component("camelStep")
public class CamelStepDelegate implements JavaDelegate {

    public static final String ENDPOINT_PROPERTY = "camel.endpoint";
    public static final String VARIABLES = "soukProcessVariables";
    public static final String BUSINESS_KEY = "soukBusinessKey";
    public static final String OUTPUT = "soukOutputVariables";
    public static final String LAST_FAILURE = "lastFailure";

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ObjectMapper json;

    public CamelStepDelegate(CamelContext camel, ProducerTemplate producer, ObjectMapper json) {
        this.camel = camel;
        this.producer = producer;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        String endpoint = endpointOf(execution.getBpmnModelElementInstance());
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(VARIABLES, new HashMap<>(execution.getVariables()));
        exchange.setProperty(BUSINESS_KEY, execution.getProcessBusinessKey());
        exchange.setProperty(OUTPUT, new HashMap<String, Object>());

        Exchange done = producer.send(endpoint, exchange);

        Exception failure = done.getException();
        if (failure instanceof BusinessFailure business) {
            execution.setVariable(LAST_FAILURE, toJson(business.toProblem()));
            throw new BpmnError(business.code(), business.getMessage());
        }
        if (failure != null) {
            throw failure;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> output = done.getProperty(OUTPUT, Map.class);
        if (output != null && !output.isEmpty()) {
            execution.setVariables(output);
        }
    }

    static String endpointOf(BaseElement task) {
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions != null) {
            for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
                for (CamundaProperty property : properties.getCamundaProperties()) {
                    if (ENDPOINT_PROPERTY.equals(property.getCamundaName())) {
                        return property.getCamundaValue();
                    }
                }
            }
        }
        throw new IllegalStateException("Task " + task.getId() + " names no Camel endpoint (property " + ENDPOINT_PROPERTY + ")");
    }

    private String toJson(Object value) throws JsonProcessingException {
        return json.writeValueAsString(value);
    }
}
