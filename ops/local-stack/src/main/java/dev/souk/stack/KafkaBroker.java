package dev.souk.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real, single-node Kafka broker running in this JVM in KRaft combined mode (broker and controller in
 * one process). Its log directory is formatted with the Kafka storage API on first start and reused
 * afterwards, so topics and offsets survive a restart of the stack.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    public KafkaBroker(Path logDir, int port, int controllerPort) {
        this.logDir = logDir.toAbsolutePath().normalize();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path logDir() {
        return logDir;
    }

    public synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        Files.createDirectories(logDir);
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties(), false);
        formatOnFirstStart(config);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
        awaitListening(Duration.ofSeconds(30));
    }

    Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // producers create the seed's topics on first use
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", "1");
        // one node: every replication factor is one
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("group.initial.rebalance.delay.ms", "0");
        // a laptop-sized broker: few threads, small cleaner buffer
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.put("log.retention.hours", "168");
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        props.put("controlled.shutdown.enable", "true");
        props.put("delete.topic.enable", "true");
        return props;
    }

    private void formatOnFirstStart(KafkaConfig config) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(List.of(logDir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setIgnoreFormatted(true)
                .run();
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("Kafka broker did not open localhost:" + port + " within " + timeout, notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
    }
}
