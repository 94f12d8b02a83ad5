package app.takeaways.testbed;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Slack's Socket Mode server, played locally: greets each connection with {@code hello} (Slack's own message),
 * sends envelopes, and records what the app sends back.
 */
public final class FakeSocketModeServer extends WebSocketServer {

    private final CountDownLatch started = new CountDownLatch(1);
    private final List<WebSocket> connections = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

    private FakeSocketModeServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    public static FakeSocketModeServer start(Duration timeout) {
        FakeSocketModeServer server = new FakeSocketModeServer();
        server.start();
        try {
            if (!server.started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The fake Socket Mode server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return server;
    }

    /** What apps.connections.open answers: where this server listens. */
    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/";
    }

    /** Connections opened so far, closed ones included. */
    public int connectionsOpened() {
        return connections.size();
    }

    public boolean latestIsOpen() {
        return !connections.isEmpty() && connections.get(connections.size() - 1).isOpen();
    }

    public void send(String message) {
        connections.get(connections.size() - 1).send(message);
    }

    public void closeLatest() {
        connections.get(connections.size() - 1).close(1001, "going away");
    }

    /** The next message the app sent, or {@code null} if none came in time. */
    public JsonObject nextReceived(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void forgetReceived() {
        received.clear();
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
        connections.add(connection);
        connection.send(Fixtures.read("socket_mode/hello.json"));
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        received.add(JsonParser.parseString(message).getAsJsonObject());
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket connection, Exception e) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
