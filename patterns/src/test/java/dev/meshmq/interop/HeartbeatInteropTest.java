package dev.meshmq.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PairSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Heartbeats against libzmq 4.3.4: with heartbeats on both sides an idle connection stays up, and a
 * libzmq process frozen with SIGSTOP (it stops answering PINGs while the kernel keeps the TCP
 * connection alive) is detected, dropped and reported by MeshMQ.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HeartbeatInteropTest {

    private static final Duration STEP = InteropScenario.STEP;
    private static final String TOKEN = HexFormat.of().formatHex("ping".getBytes(StandardCharsets.UTF_8));

    private Context context;
    private final List<MonitorEvent> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void requirePeer() {
        PythonPeer.requireLibzmq();
    }

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private PairSocket heartbeatingPair() {
        PairSocket pair = context.createPair();
        pair.set(SocketOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(100));
        pair.set(SocketOptions.HEARTBEAT_TIMEOUT, Duration.ofMillis(300));
        pair.set(SocketOptions.HEARTBEAT_TTL, Duration.ofMillis(1000));
        pair.monitor(events::add);
        return pair;
    }

    private long count(MonitorEventType type) {
        return events.stream().filter(event -> event.type() == type).count();
    }

    @Test
    void anIdleConnectionWithHeartbeatsOnBothSidesStaysUp() {
        PairSocket pair = heartbeatingPair();
        String endpoint = pair.bind(Endpoints.tcp());
        PeerSpec echo = new PeerSpec("PAIR", false, endpoint, PeerRole.ECHO, List.of(TOKEN));
        try (InteropPeer peer = PythonPeer.start(echo, List.of("--heartbeat", "100"))) {
            await().atMost(STEP).until(() -> count(MonitorEventType.HANDSHAKE_SUCCEEDED) == 1);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> count(MonitorEventType.DISCONNECTED) == 0);
            pair.send("ping");
            assertEquals("ping", pair.receive(STEP).orElseThrow().string(0));
            peer.awaitLine(STEP);
            peer.awaitDone(STEP);
        }
    }

    @Test
    void aFrozenLibzmqPeerIsDroppedAndReported() throws IOException, InterruptedException {
        PairSocket pair = heartbeatingPair();
        String endpoint = pair.bind(Endpoints.tcp());
        PeerSpec echo = new PeerSpec("PAIR", false, endpoint, PeerRole.ECHO, List.of(TOKEN));
        try (PythonPeer peer = PythonPeer.start(echo)) {
            await().atMost(STEP).until(() -> count(MonitorEventType.HANDSHAKE_SUCCEEDED) == 1);
            signal("STOP", peer.pid());
            try {
                long frozenAt = System.nanoTime();
                await().atMost(Duration.ofSeconds(3)).until(() -> count(MonitorEventType.DISCONNECTED) == 1);
                long millis = (System.nanoTime() - frozenAt) / 1_000_000;
                assertTrue(millis < 2000, "detected after " + millis + " ms");
                MonitorEvent dropped = events.stream()
                        .filter(event -> event.type() == MonitorEventType.DISCONNECTED).findFirst().orElseThrow();
                assertTrue(dropped.detail().contains("heartbeat"), dropped.toString());
            } finally {
                signal("CONT", peer.pid());
            }
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name + " " + pid);
    }
}
