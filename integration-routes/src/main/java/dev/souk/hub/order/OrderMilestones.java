package dev.souk.hub.order;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Makes the points where an order comes to rest report themselves: when the engine reads the order process model it
 * gives every event-based gateway, intermediate throw event and end event a listener that tells {@link OrderProgress}.
 * The model itself stays free of listener expressions; which of those points mean what is {@link OrderStage}'s.
 */
@Component
class OrderMilestones extends AbstractProcessEnginePlugin {

    private final ExecutionListener listener;

    OrderMilestones(OrderProgress progress) {
        this.listener = progress::reached;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(parseListener());
    }

    private BpmnParseListener parseListener() {
        return new AbstractBpmnParseListener() {
            @Override
            public void parseEventBasedGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
                listen(activity);
            }

            @Override
            public void parseIntermediateThrowEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                listen(activity);
            }

            @Override
            public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
                listen(activity);
            }
        };
    }

    private void listen(ActivityImpl activity) {
        if (activity.getProcessDefinition() instanceof ProcessDefinitionEntity definition
                && OrderLifecycle.PROCESS.equals(definition.getKey())) {
            activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, listener);
        }
    }
}
