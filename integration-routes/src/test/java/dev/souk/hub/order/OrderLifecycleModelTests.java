package dev.souk.hub.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.souk.hub.HubTestSupport;
import dev.souk.hub.process.CamelStepDelegate;

/**
 * The order process model and the hub agree: every Camel endpoint a task names is a route of the hub, every task calls
 * the one bridge, and every name the hub uses for the model (messages, milestones, tasks) is in it.
 */
class OrderLifecycleModelTests extends HubTestSupport {

    @Autowired
    CamelContext camel;
    @Autowired
    ApplicationContext beans;

    private BpmnModelInstance model;

    @BeforeEach
    void readTheDeployedModel() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/bpmn/order-lifecycle.bpmn")) {
            model = Bpmn.readModelFromStream(in);
        }
    }

    @Test
    void everyEndpointTheModelNamesIsARouteOfTheHub() {
        Set<String> routeInputs = camel.getRoutes().stream().map(Route::getEndpoint).map(e -> e.getEndpointUri())
                .collect(Collectors.toSet());

        List<String> endpoints = model.getModelElementsByType(CamundaProperty.class).stream()
                .filter(property -> CamelStepDelegate.ENDPOINT_PROPERTY.equals(property.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .toList();

        assertThat(endpoints).isNotEmpty().allSatisfy(endpoint ->
                assertThat(routeInputs).as("routes consuming from " + endpoint).anyMatch(uri -> uri.equals(endpoint)
                        || uri.equals(endpoint.replace("direct:", "direct://"))));
    }

    @Test
    void everyServiceTaskCallsTheOneBridgeWithAnEndpoint() {
        assertThat(model.getModelElementsByType(ServiceTask.class)).isNotEmpty().allSatisfy(task -> {
            assertThat(task.getCamundaDelegateExpression()).as(task.getId()).isEqualTo("${camelStep}");
            assertThat(CamelStepDelegate.endpointOf(task)).startsWith("direct:");
        });
        assertThat(beans.getBean("camelStep")).isInstanceOf(CamelStepDelegate.class);
    }

    @Test
    void theNamesTheHubUsesAreInTheModel() {
        Set<String> nodes = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
                .collect(Collectors.toSet());
        Set<String> messages = model.getModelElementsByType(Message.class).stream().map(Message::getName)
                .collect(Collectors.toSet());

        assertThat((Object) model.getModelElementById(OrderLifecycle.PROCESS)).isNotNull();
        assertThat(messages).contains(OrderLifecycle.CONFIRM_REQUESTED, OrderLifecycle.CANCEL_REQUESTED,
                OrderLifecycle.SHIPMENT_DELIVERED);
        assertThat(nodes).contains(OrderLifecycle.AWAITING_PAYMENT, OrderLifecycle.ORDER_CONFIRMED,
                OrderLifecycle.AWAITING_DELIVERY, OrderLifecycle.FULFIL_ORDER_TASK);
        assertThat(nodes).containsAll(OrderLifecycle.ENDS);
    }
}
