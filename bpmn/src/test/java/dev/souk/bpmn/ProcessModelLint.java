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
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;

/**
 * House rules for process models. A model that breaks them would deploy, but would
 * pile up history forever, hide which step failed behind a generated id in Cockpit,
 * or lose work when a remote call fails inside the caller's transaction.
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
            found.add(where + ": service task '" + task.getId() + "' is not camunda:asyncBefore");
        }
        // sub processes hold activities of their own
        for (Activity nested : activity.getChildElementsByType(Activity.class)) {
            check(where, nested, found);
        }
    }

    static boolean isGenerated(String id) {
        return id == null || GENERATED_ID.matcher(id).matches();
    }
}
