package dev.souk.hub.process;

import java.util.Map;
import java.util.Objects;

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

/**
 * The one bridge from BPMN service tasks to Camel: a task names its route with the extension property
 * {@code camel.endpoint} (e.g. {@code direct:reserveStock}) and {@code camunda:delegateExpression="${camelStep}"}.
 *
 * <p>The route sees the process variables as exchange variables ({@code ${variable.userId}}) and the business key
 * as the property {@link #BUSINESS_KEY}; variables it adds or changes become process variables (plain values only:
 * text, numbers, booleans — a route keeps anything else in exchange properties), and what it puts in
 * {@link #ANSWER} is reported to whoever waits on the process ({@link StepReports}). A {@link BusinessFailure}
 * becomes a {@link BpmnError} with its code (the model draws what follows) and is reported as a refusal; any other
 * failure is technical: the job fails, the engine retries it and finally raises an incident.
 */
@Component("camelStep")
public class CamelStepDelegate implements JavaDelegate {

    public static final String ENDPOINT_PROPERTY = "camel.endpoint";
    public static final String BUSINESS_KEY = "soukBusinessKey";
    public static final String ANSWER = "soukStepAnswer";

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final StepReports reports;

    public CamelStepDelegate(CamelContext camel, ProducerTemplate producer, StepReports reports) {
        this.camel = camel;
        this.producer = producer;
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        String endpoint = endpointOf(execution.getBpmnModelElementInstance());
        String businessKey = execution.getProcessBusinessKey();
        Map<String, Object> variables = execution.getVariables();
        Exchange exchange = new DefaultExchange(camel);
        variables.forEach(exchange::setVariable);
        exchange.setProperty(BUSINESS_KEY, businessKey);

        Exchange done = producer.send(endpoint, exchange);

        Exception failure = done.getException();
        if (failure != null && !(failure instanceof BusinessFailure)) {
            throw failure;
        }
        done.getVariables().forEach((name, value) -> {
            if (!Objects.equals(variables.get(name), value)) {
                execution.setVariable(name, plain(endpoint, name, value));
            }
        });
        String answer = done.getProperty(ANSWER, String.class);
        if (answer != null) {
            reports.answered(businessKey, answer);
        }
        if (failure instanceof BusinessFailure refusal) {
            reports.refused(businessKey, refusal);
            throw new BpmnError(refusal.code(), refusal.getMessage());
        }
    }

    private static Object plain(String endpoint, String name, Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return value;
        }
        throw new IllegalStateException(endpoint + " left variable " + name + " as a " + value.getClass().getName()
                + "; process variables are text, numbers or booleans");
    }

    public static String endpointOf(BaseElement task) {
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
}
