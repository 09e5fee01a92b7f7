package dev.souk.hub.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine parses a duration (a step's retry cycle, the payment window) with a new
 * {@code javax.xml.datatype.DatatypeFactory} every time it creates a job or a timer. Without a named implementation
 * the JDK looks one up through the service loader, which scans every jar of the application each time; naming the
 * JDK's own implementation makes that lookup a class load. An implementation chosen on the command line stays.
 */
@Component
class XmlDatatypeFactoryPlugin extends AbstractProcessEnginePlugin {

    static final String PROPERTY = "javax.xml.datatype.DatatypeFactory";
    static final String JDK_IMPLEMENTATION = "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, JDK_IMPLEMENTATION);
        }
    }
}
