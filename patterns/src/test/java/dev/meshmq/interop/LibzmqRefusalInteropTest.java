package dev.meshmq.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 16, item 1, against libzmq: a libzmq server that refuses a MeshMQ PUSH (a CURVE-only server,
 * a PUB that is no peer for a PUSH) closes the connection in the handshake; the MeshMQ side reports
 * why and does not try that endpoint again. Before this change it reconnected every interval,
 * hammering the server (7-10 attempts in 1.5-3 s). The server counts the connections it accepted
 * through libzmq's own monitor.
 */
class LibzmqRefusalInteropTest {

    private static final String SERVER = String.join("\n",
            "import sys, zmq",
            "from zmq.utils.monitor import recv_monitor_message",
            "ctx = zmq.Context()",
            "kind = sys.argv[1]",
            "s = ctx.socket(zmq.PULL if kind == 'curve' else zmq.PUB)",
            "if kind == 'curve':",
            "    public, secret = zmq.curve_keypair()",
            "    s.curve_server = True",
            "    s.curve_secretkey = secret",
            "    s.curve_publickey = public",
            "monitor = s.get_monitor_socket(zmq.EVENT_ACCEPTED)",
            "port = s.bind_to_random_port('tcp://127.0.0.1')",
            "print('PORT', port, flush=True)",
            "accepted = 0",
            "poller = zmq.Poller()",
            "poller.register(monitor, zmq.POLLIN)",
            "while True:",
            "    if dict(poller.poll(3000)).get(monitor):",
            "        recv_monitor_message(monitor)",
            "        accepted += 1",
            "        print('ACCEPTED', accepted, flush=True)",
            "    else:",
            "        break",
            "print('DONE', accepted, flush=True)");

    @BeforeAll
    static void requirePeer() {
        PythonPeer.requireLibzmq();
    }

    @ParameterizedTest(name = "libzmq {0} server")
    @CsvSource({"curve, HANDSHAKE_FAILED_PROTOCOL", "pub, HANDSHAKE_FAILED_PROTOCOL"})
    void aMeshMqClientRefusedByLibzmqStopsAndSaysWhy(String kind, MonitorEventType expected) throws Exception {
        Process server = new ProcessBuilder(PythonPeer.PYTHON, "-u", "-c", SERVER, kind).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("PORT "), "libzmq server said: " + first);
            List<MonitorEvent> events = new CopyOnWriteArrayList<>();
            try (Context context = Context.create(); PushSocket push = context.createPush()) {
                push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(50));
                push.monitor(events::add);
                push.connect("tcp://127.0.0.1:" + first.substring("PORT ".length()));
                await().atMost(Duration.ofSeconds(10)).alias("a " + expected + " event among " + events)
                        .until(() -> events.stream().anyMatch(e -> e.type() == expected));
                MonitorEvent failure = events.stream().filter(e -> e.type() == expected).findFirst().orElseThrow();
                System.out.println("libzmq " + kind + " server: " + failure);
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(4)).until(() ->
                        events.stream().filter(e -> e.type() == MonitorEventType.CONNECTED).count() == 1);
                assertEquals(0, events.stream().filter(e -> e.type() == MonitorEventType.CONNECT_RETRIED).count(),
                        events.toString());
            }
            String line;
            String last = "";
            while ((line = out.readLine()) != null) {
                last = line;
            }
            assertEquals("DONE 1", last, "connections the libzmq server accepted");
        } finally {
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
