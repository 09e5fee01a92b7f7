package dev.souk.bpmn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;

/**
 * House rules for process models. A model that breaks them would deploy, but would
 * pile up history forever, hide which step failed behind a generated id in Cockpit,
 * or run a remote call in the transaction of whoever delivered a message to a waiting
 * process, where a failure is the sender's instead of a retry of the engine.
 *
 * <p>Transaction boundaries are deliberate: a service task starts a job
 * ({@code camunda:asyncBefore}), or it carries on the transaction of the step before it
 * — the process start, another service task, or an error path leaving one — so that
 * steps sharing a boundary share one job and its retries.
 */
final class ProcessModelLint {

    /**
     * Ids the modelers generate: {@code Task_1}, {@code ServiceTask_2}, {@code Activity_0x9k2ab},
     * {@code Process_1d2f3g4}. A meaningful id names the step, e.g. {@code Task_ReserveStock}.
     */
    private static final Pattern GENERATED_ID =
            Pattern.compile("^[A-Za-z]+_(\\d+|(?=[a-z]*\\d)[0-9a-z]{7})$");

    private ProcessModelLint() {
    }

    static List<Path> modelsUnder(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    static List<String> violations(Path model) throws IOException {
        try (InputStream in = Files.newInputStream(model)) {
            return violations(model.getFileName().toString(), Bpmn.readModelFromStream(in));
        }
    }

    static List<String> violations(String source, BpmnModelInstance model) {
        List<String> found = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (!process.isExecutable()) {
                continue;
            }
            String where = source + " / " + process.getId();
            if (process.getCamundaHistoryTimeToLiveString() == null
                    || process.getCamundaHistoryTimeToLiveString().isBlank()) {
                found.add(where + ": executable process has no camunda:historyTimeToLive");
            }
            if (isGenerated(process.getId())) {
                found.add(where + ": process id looks generated, name it (e.g. Process_OrderLifecycle)");
            }
            for (Activity activity : process.getChildElementsByType(Activity.class)) {
                check(where, activity, found);
            }
        }
        return found;
    }

    private static void check(String where, Activity activity, List<String> found) {
        if (isGenerated(activity.getId())) {
            found.add(where + ": activity '" + activity.getId() + "' has a generated id, name it (e.g. Task_ReserveStock)");
        }
        if (activity instanceof ServiceTask task && !task.isCamundaAsyncBefore()) {
            for (SequenceFlow incoming : incomingFlowsOf(task)) {
                if (!carriesTheTransactionOn(incoming.getSource())) {
                    found.add(where + ": service task '" + task.getId() + "' is not camunda:asyncBefore, yet follows '"
                            + incoming.getSource().getId() + "', which does not carry a transaction on");
                }
            }
        }
        // sub processes hold activities of their own
        for (Activity nested : activity.getChildElementsByType(Activity.class)) {
            check(where, nested, found);
        }
    }

    /** The flows into {@code node}, by their targetRef (a model need not list them on the node itself). */
    private static List<SequenceFlow> incomingFlowsOf(FlowNode node) {
        return node.getParentElement().getChildElementsByType(SequenceFlow.class).stream()
                .filter(flow -> flow.getTarget() == node)
                .toList();
    }

    /** Nodes whose transaction a following service task may share: the start, a service task, an error path from one. */
    private static boolean carriesTheTransactionOn(FlowNode source) {
        if (source instanceof StartEvent || source instanceof ServiceTask) {
            return true;
        }
        return source instanceof BoundaryEvent boundary && boundary.getAttachedTo() instanceof ServiceTask
                && !boundary.getChildElementsByType(ErrorEventDefinition.class).isEmpty();
    }

    static boolean isGenerated(String id) {
        return id == null || GENERATED_ID.matcher(id).matches();
    }
}
