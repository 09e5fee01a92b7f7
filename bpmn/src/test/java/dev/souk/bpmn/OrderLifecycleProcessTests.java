package dev.souk.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of the order lifecycle, driven the way the hub drives it: start with the order id as business key,
 * run the async continuations, correlate the confirm/cancel/delivered messages, fire the payment-window timer.
 * The service tasks are scripted; the hub's process tests run the same model through the real Camel steps.
 * After all tests the flow-node coverage of the model is written to target/process-coverage.txt and must be complete.
 */
class OrderLifecycleProcessTests {

    private static final String PROCESS = "Process_OrderLifecycle";
    private static final Path MODEL = Path.of("src/main/resources/bpmn/order-lifecycle.bpmn");

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder()
            .useProcessEngine(ProcessTestEngine.get())
            .build();

    private static final Set<String> visited = new TreeSet<>();
    private static String deploymentId;

    private ProcessEngine engine;
    private ScriptedSteps steps;

    /** Stands in for the hub's orderProcessSettings bean. */
    public static class Settings {
        public String getRetryCycle() {
            return "R2/PT1S";
        }

        public String getPaymentWindow() {
            return "PT15M";
        }
    }

    @BeforeAll
    static void deploy() throws IOException {
        try (InputStream in = Files.newInputStream(MODEL)) {
            deploymentId = ProcessTestEngine.get().getRepositoryService().createDeployment()
                    .addInputStream("order-lifecycle.bpmn", in).deploy().getId();
        }
    }

    @BeforeEach
    void scriptTheHub() {
        engine = extension.getProcessEngine();
        steps = new ScriptedSteps();
        Mocks.register("camelStep", steps);
        Mocks.register("orderProcessSettings", new Settings());
    }

    @Test
    void happyPathPlacesConfirmsFulfilsAndCompletes() {
        ProcessInstance order = place();
        assertThat(order).isWaitingAt("Gateway_AwaitPayment");

        confirm(order);
        assertThat(order).isWaitingAt("Gateway_AwaitDelivery");

        deliver(order);
        assertThat(order).isEnded().hasPassedInOrder("Task_ValidateUser", "Task_PriceItems", "Task_CreateOrder",
                "Task_ReserveStock", "Gateway_AwaitPayment", "Task_ChargePayment", "Task_ConfirmOrder",
                "Event_OrderConfirmed", "Task_FulfilOrder", "Gateway_AwaitDelivery", "Task_CompleteOrder",
                "End_OrderCompleted");
    }

    @Test
    void unknownUserIsRejectedBeforeAnythingIsCreated() {
        steps.failNext("direct:validateUser", "USER_NOT_FOUND");
        ProcessInstance order = place();
        assertThat(order).isEnded().hasPassed("End_OrderRejected").hasNotPassed("Task_CreateOrder");
    }

    @Test
    void unavailableProductIsRejected() {
        steps.failNext("direct:priceItems", "PRODUCT_UNAVAILABLE");
        ProcessInstance order = place();
        assertThat(order).isEnded().hasPassed("End_OrderRejected").hasNotPassed("Task_CreateOrder");
    }

    @Test
    void outOfStockCancelsTheOrderAndEnds() {
        steps.failNext("direct:reserveStock", "OUT_OF_STOCK");
        ProcessInstance order = place();
        assertThat(order).isEnded().hasPassedInOrder("Task_CreateOrder", "Task_CancelOutOfStockOrder", "End_OutOfStock");
        assertThat(steps.called).doesNotContain("direct:releaseStock");
    }

    @Test
    void aCustomerOverTheUnpaidOrdersCapIsRejectedWithoutAReservation() {
        steps.failNext("direct:createOrder", "TOO_MANY_OPEN_ORDERS");
        ProcessInstance order = place();
        assertThat(order).isEnded().hasPassed("Boundary_TooManyOpenOrders", "End_OrderRejected")
                .hasNotPassed("Task_ReserveStock");
    }

    @Test
    void declinedPaymentLeavesTheOrderPayableAndASecondMethodConfirmsIt() {
        ProcessInstance order = place();
        steps.failNext("direct:chargePayment", "PAYMENT_DECLINED");

        confirm(order);
        assertThat(order).isWaitingAt("Gateway_AwaitPayment");

        confirm(order);
        assertThat(order).isWaitingAt("Gateway_AwaitDelivery");
        assertThat(steps.called).filteredOn("direct:chargePayment"::equals).hasSize(2);
        assertThat(steps.called).filteredOn("direct:confirmOrder"::equals).hasSize(1);
    }

    @Test
    void providerOutageBecomesAnIncidentAndARetryCompletesThePayment() {
        ProcessInstance order = place();
        steps.breakDown("direct:chargePayment");

        correlate(order, "OrderConfirmRequested", Map.of("paymentMethodId", "pm_abc"));
        exhaustRetries(order);

        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(order.getId())
                .activityId("Task_ChargePayment").count()).isEqualTo(1);

        // the provider is back; an operator retries the job (as Cockpit's retry does)
        steps.recover("direct:chargePayment");
        Job failed = engine.getManagementService().createJobQuery().processInstanceId(order.getId()).singleResult();
        engine.getManagementService().setJobRetries(failed.getId(), 1);
        runJobs(order);

        assertThat(order).isWaitingAt("Gateway_AwaitDelivery");
        assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(order.getId()).count()).isZero();
    }

    @Test
    void expiredPaymentWindowReleasesStockAndCancels() {
        ProcessInstance order = place();

        Job timer = engine.getManagementService().createJobQuery().processInstanceId(order.getId()).timers().singleResult();
        engine.getManagementService().executeJob(timer.getId());
        runJobs(order);

        assertThat(order).isEnded().hasPassedInOrder("Event_PaymentWindowExpired", "Task_ReleaseStock", "Task_CancelOrder",
                "End_OrderCancelled");
        assertThat(steps.called).doesNotContain("direct:refundPayment");
    }

    @Test
    void cancelBeforePaymentReleasesStockWithoutRefund() {
        ProcessInstance order = place();

        cancel(order);

        assertThat(order).isEnded().hasPassedInOrder("Event_CancelRequested", "Task_ReleaseStock", "Task_CancelOrder",
                "End_OrderCancelled");
        assertThat(steps.called).doesNotContain("direct:refundPayment", "direct:cancelShipment");
    }

    @Test
    void cancelAfterPaymentCompensatesWithRefundAndRelease() {
        ProcessInstance order = place();
        confirm(order);

        cancel(order);

        assertThat(order).isEnded().hasPassedInOrder("Event_CancelAfterPaymentRequested", "Task_CancelShipment",
                "Task_RefundPayment", "Task_ReleaseStock", "Task_CancelOrder", "End_OrderCancelled");
    }

    @Test
    void cancelAfterShipmentIsRefusedAndTheOrderStillCompletes() {
        ProcessInstance order = place();
        confirm(order);
        steps.failNext("direct:cancelShipment", "ORDER_NOT_CANCELLABLE");

        cancel(order);
        assertThat(order).isWaitingAt("Gateway_AwaitDelivery");
        assertThat(steps.called).doesNotContain("direct:refundPayment", "direct:releaseStock");

        deliver(order);
        assertThat(order).isEnded().hasPassed("End_OrderCompleted");
    }

    @AfterAll
    static void reportCoverage() throws IOException {
        Set<String> nodes;
        try (InputStream in = Files.newInputStream(MODEL)) {
            nodes = Bpmn.readModelFromStream(in).getModelElementsByType(FlowNode.class).stream()
                    .filter(n -> n.getParentElement() instanceof Process)
                    .map(FlowNode::getId)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        ProcessTestEngine.get().getHistoryService().createHistoricActivityInstanceQuery().list()
                .forEach(a -> visited.add(a.getActivityId()));
        Set<String> missed = new TreeSet<>(nodes);
        missed.removeAll(visited);
        String report = "Process_OrderLifecycle flow-node coverage: " + (nodes.size() - missed.size()) + "/" + nodes.size()
                + (missed.isEmpty() ? "" : " (not covered: " + missed + ")");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/process-coverage.txt"), report + System.lineSeparator());
        System.out.println(report);
        ProcessTestEngine.get().getRepositoryService().deleteDeployment(deploymentId, true);
        assertThat(missed).as("flow nodes no test passes through").isEmpty();
    }

    private ProcessInstance place() {
        String orderId = "ord-" + UUID.randomUUID();
        ProcessInstance order = engine.getRuntimeService().startProcessInstanceByKey(PROCESS, orderId,
                Map.of("userId", "user-123", "paymentMethodId", "pm_abc"));
        runJobs(order);
        return order;
    }

    private void confirm(ProcessInstance order) {
        correlate(order, "OrderConfirmRequested", Map.of("paymentMethodId", "pm_abc"));
        runJobs(order);
    }

    private void cancel(ProcessInstance order) {
        correlate(order, "OrderCancelRequested", Map.of("cancelReason", "customer asked"));
        runJobs(order);
    }

    private void deliver(ProcessInstance order) {
        correlate(order, "ShipmentDelivered", Map.of());
        runJobs(order);
    }

    private void correlate(ProcessInstance order, String message, Map<String, Object> variables) {
        engine.getRuntimeService().createMessageCorrelation(message)
                .processInstanceBusinessKey(order.getBusinessKey())
                .setVariables(variables)
                .correlateWithResult();
    }

    /** Runs the async continuations (not timers) until the instance waits for the outside world. */
    private void runJobs(ProcessInstance order) {
        for (int guard = 0; guard < 50; guard++) {
            Job job = engine.getManagementService().createJobQuery().processInstanceId(order.getId())
                    .messages().withRetriesLeft().singleResult();
            if (job == null) {
                return;
            }
            engine.getManagementService().executeJob(job.getId());
        }
        throw new AssertionError("the process did not come to rest");
    }

    private void exhaustRetries(ProcessInstance order) {
        for (int guard = 0; guard < 10; guard++) {
            Job job = engine.getManagementService().createJobQuery().processInstanceId(order.getId())
                    .messages().withRetriesLeft().singleResult();
            if (job == null) {
                return;
            }
            assertThatThrownBy(() -> engine.getManagementService().executeJob(job.getId()))
                    .hasMessageContaining("unavailable");
        }
        throw new AssertionError("retries never ran out");
    }
}
