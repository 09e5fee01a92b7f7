package dev.souk.gateway;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A service with live connections for the gateway to relay, on a real Tomcat: {@code /api/live/stream} sends
 * Server-Sent Events for a few seconds, {@code /api/live/slow} answers later than the gateway's normal request timeout,
 * and {@code /api/live/ws} is a WebSocket speaking {@code v12.stomp} that greets with what its handshake carried, echoes
 * every message, and closes with 4000 when asked to.
 */
final class LiveUpstream implements AutoCloseable {

    static final int STREAM_EVENTS = 8;
    static final long STREAM_EVENT_INTERVAL_MILLIS = 300;

    private final Tomcat tomcat = new Tomcat();
    private final CountDownLatch never = new CountDownLatch(1);
    static final List<Integer> CLOSE_CODES_SEEN = new CopyOnWriteArrayList<>();

    LiveUpstream() {
        try {
            Path base = Files.createDirectories(Path.of("target", "live-upstream"));
            tomcat.setBaseDir(base.toString());
            tomcat.setPort(0);
            Context context = tomcat.addContext("", base.toAbsolutePath().toString());
            context.addServletContainerInitializer(new WsSci(), null);
            context.addServletContainerInitializer((classes, servletContext) -> {
                ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
                // as the notification service: messages larger than a WebSocket's default 8 KB buffer are fine
                container.setDefaultMaxTextMessageBufferSize(64 * 1024);
                try {
                    container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/api/live/ws")
                            .subprotocols(List.of("v12.stomp"))
                            .configurator(new ServerEndpointConfig.Configurator() {
                                @Override
                                public void modifyHandshake(ServerEndpointConfig config,
                                                            jakarta.websocket.server.HandshakeRequest request,
                                                            jakarta.websocket.HandshakeResponse response) {
                                    Map<String, List<String>> headers = request.getHeaders();
                                    config.getUserProperties().put("greeting", "hello query=" + request.getQueryString()
                                            + " forwarded-for=" + headers.containsKey("X-Forwarded-For")
                                            + " authorization=" + headers.containsKey("Authorization"));
                                }
                            })
                            .build());
                } catch (jakarta.websocket.DeploymentException e) {
                    throw new IllegalStateException(e);
                }
            }, null);
            Tomcat.addServlet(context, "stream", new StreamServlet());
            context.addServletMappingDecoded("/api/live/stream", "stream");
            Tomcat.addServlet(context, "slow", new SlowServlet(never));
            context.addServletMappingDecoded("/api/live/slow", "slow");
            // the WebSocket upgrade is a filter: it only runs for a path some servlet is mapped to
            Tomcat.addServlet(context, "default", new HttpServlet() { });
            context.addServletMappingDecoded("/", "default");
            tomcat.getConnector();
            tomcat.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws LifecycleException {
        never.countDown();
        tomcat.stop();
        tomcat.destroy();
    }

    /** Greets, echoes, and closes with 4000 on "close". */
    public static final class EchoEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            String greeting = (String) config.getUserProperties().get("greeting");
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                try {
                    if (text.equals("close")) {
                        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4000), "bye"));
                    } else {
                        session.getBasicRemote().sendText("echo:" + text);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                session.getBasicRemote().sendText(greeting);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            CLOSE_CODES_SEEN.add(reason.getCloseCode().getCode());
        }
    }

    /** A few events, each flushed at once, a short while apart. */
    private static final class StreamServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/event-stream");
            OutputStream out = response.getOutputStream();
            try {
                for (int i = 1; i <= STREAM_EVENTS; i++) {
                    out.write(("id: " + i + "\ndata: event " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    TimeUnit.MILLISECONDS.sleep(STREAM_EVENT_INTERVAL_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Answers only when the test is over. */
    private static final class SlowServlet extends HttpServlet {
        private final CountDownLatch release;

        SlowServlet(CountDownLatch release) {
            this.release = release;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response.setContentType("text/plain");
            response.getOutputStream().write("late".getBytes(StandardCharsets.UTF_8));
        }
    }
}
