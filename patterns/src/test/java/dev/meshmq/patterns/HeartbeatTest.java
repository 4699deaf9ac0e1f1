package dev.meshmq.patterns;

import static dev.meshmq.MonitorEventType.DISCONNECTED;
import static dev.meshmq.MonitorEventType.HANDSHAKE_SUCCEEDED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.MonitorEvent;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.FreezableRelay;
import dev.meshmq.testsupport.MonitorEvents;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ZMTP heartbeats: a frozen peer is detected, dropped, reported and reconnected; TTLs are honoured. */
class HeartbeatTest extends MeshTestSupport {

    private static void heartbeat(Socket socket) {
        socket.set(SocketOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(100));
        socket.set(SocketOptions.HEARTBEAT_TIMEOUT, Duration.ofMillis(300));
        socket.set(SocketOptions.HEARTBEAT_TTL, Duration.ofMillis(1000));
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    @Test
    void aFrozenPeerIsDetectedWithinTheTimeoutThenReconnectedWhenItComesBack() throws Exception {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind(Endpoints.fresh("tcp"));
        try (FreezableRelay relay = new FreezableRelay(port(endpoint))) {
            PushSocket push = context.createPush();
            heartbeat(push);
            MonitorEvents events = new MonitorEvents();
            push.monitor(events);
            push.connect(relay.endpoint());
            push.send("before");
            assertEquals("before", pull.receive(TIMEOUT).orElseThrow().string(0));
            relay.freeze();
            long frozenAt = System.nanoTime();
            MonitorEvent dropped = events.awaitEvent(DISCONNECTED, Duration.ofSeconds(3));
            long detectedMillis = (System.nanoTime() - frozenAt) / 1_000_000;
            assertTrue(dropped.detail().contains("heartbeat"), dropped.toString());
            assertTrue(detectedMillis < 2000, "detected after " + detectedMillis + " ms");
            relay.thaw();
            events.awaitCount(HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            push.send("after");
            assertTrue(pull.receive(TIMEOUT).isPresent());
        }
    }

    @Test
    void anIdleConnectionWithHeartbeatsStaysUp() throws Exception {
        Context context = newContext();
        PullSocket pull = context.createPull();
        heartbeat(pull);
        String endpoint = pull.bind(Endpoints.fresh("tcp"));
        PushSocket push = context.createPush();
        heartbeat(push);
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        push.connect(endpoint);
        events.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> events.count(DISCONNECTED) == 0);
        push.send("still here");
        assertEquals("still here", pull.receive(TIMEOUT).orElseThrow().string(0));
    }

    /** A raw peer announces a 0.5 s TTL in a PING and goes silent; the PULL sets no heartbeat options. */
    @Test
    void aPeersTtlIsHonouredEvenWithoutLocalHeartbeatOptions() throws Exception {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind(Endpoints.fresh("tcp"));
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), RawZmtpPeer.ready("PUSH")), TIMEOUT);
            raw.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
            raw.receiveFrame(TIMEOUT);
            long sentAt = System.nanoTime();
            raw.send(RawZmtpPeer.command("PING", new byte[] {0, 5}), TIMEOUT);
            assertTrue(raw.awaitClosedByServer(Duration.ofSeconds(3)), "the TTL was not honoured");
            long closedAfter = (System.nanoTime() - sentAt) / 1_000_000;
            assertTrue(closedAfter >= 400, "closed after only " + closedAfter + " ms");
        }
    }
}
