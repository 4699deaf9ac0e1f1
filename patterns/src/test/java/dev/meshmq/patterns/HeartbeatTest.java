package dev.meshmq.patterns;

import static dev.meshmq.MonitorEventType.DISCONNECTED;
import static dev.meshmq.MonitorEventType.HANDSHAKE_SUCCEEDED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.MonitorEvent;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.FreezableRelay;
import dev.meshmq.testsupport.ManualClock;
import dev.meshmq.testsupport.MonitorEvents;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * ZMTP heartbeats: a frozen peer is detected, dropped, reported and reconnected; TTLs are honoured.
 * The contexts run on a {@link ManualClock}: a minute of heartbeat time passes when the test says so,
 * so the timing assertions hold however busy the machine is.
 */
class HeartbeatTest extends MeshTestSupport {

    private static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofMinutes(3);

    private final ManualClock clock = new ManualClock();

    private Context clockedContext() {
        return newContext(ContextConfig.defaults().withClock(clock));
    }

    private static void heartbeat(Socket socket) {
        socket.set(SocketOptions.HEARTBEAT_INTERVAL, INTERVAL);
        socket.set(SocketOptions.HEARTBEAT_TIMEOUT, HEARTBEAT_TIMEOUT);
        socket.set(SocketOptions.HEARTBEAT_TTL, Duration.ofMinutes(10));
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    @Test
    void aFrozenPeerIsDetectedWithinTheTimeoutThenReconnectedWhenItComesBack() throws Exception {
        Context context = clockedContext();
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
            long frozenAt = clock.nanoTime();
            // timers run on the I/O thread after each move, so move in steps and look after each
            await().atMost(TIMEOUT).until(() -> {
                clock.advance(Duration.ofSeconds(10));
                return events.count(DISCONNECTED) > 0;
            });
            Duration detectedAfter = Duration.ofNanos(clock.nanoTime() - frozenAt);
            assertTrue(detectedAfter.compareTo(HEARTBEAT_TIMEOUT) >= 0, "dropped after only " + detectedAfter);
            assertTrue(detectedAfter.compareTo(Duration.ofMinutes(10)) < 0, "dropped only after " + detectedAfter);
            MonitorEvent dropped = events.awaitEvent(DISCONNECTED, TIMEOUT);
            assertTrue(dropped.detail().contains("heartbeat"), dropped.toString());
            relay.thaw();
            // the reconnect interval runs on the same clock: move it until the link is back
            await().atMost(TIMEOUT).until(() -> {
                clock.advance(Duration.ofSeconds(1));
                return events.count(HANDSHAKE_SUCCEEDED) >= 2;
            });
            push.send("after");
            assertTrue(pull.receive(TIMEOUT).isPresent());
        }
    }

    /** Twelve heartbeat intervals of clock time, with a message through at each: no drop. */
    @Test
    void anIdleConnectionWithHeartbeatsStaysUp() throws Exception {
        Context context = clockedContext();
        PullSocket pull = context.createPull();
        heartbeat(pull);
        String endpoint = pull.bind(Endpoints.fresh("tcp"));
        PushSocket push = context.createPush();
        heartbeat(push);
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        push.connect(endpoint);
        events.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
        for (int tick = 0; tick < 12; tick++) {
            clock.advance(INTERVAL.dividedBy(2));
            push.send("tick " + tick);
            assertEquals("tick " + tick, pull.receive(TIMEOUT).orElseThrow().string(0));
        }
        assertEquals(0, events.count(DISCONNECTED), events.events().toString());
        assertEquals(1, events.count(HANDSHAKE_SUCCEEDED), events.events().toString());
    }

    /** A raw peer announces a 0.5 s TTL in a PING and goes silent; the PULL sets no heartbeat options. */
    @Test
    void aPeersTtlIsHonouredEvenWithoutLocalHeartbeatOptions() throws Exception {
        Context context = clockedContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind(Endpoints.fresh("tcp"));
        try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            raw.send(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), RawZmtpPeer.ready("PUSH")), TIMEOUT);
            raw.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
            raw.receiveFrame(TIMEOUT);
            raw.send(RawZmtpPeer.command("PING", new byte[] {0, 5}), TIMEOUT);
            // the PONG proves the PING, and with it the TTL, was read before the clock moves
            byte[] pong = raw.receiveFrame(TIMEOUT);
            assertEquals("PONG", new String(pong, 2, 4, java.nio.charset.StandardCharsets.US_ASCII));
            clock.advance(Duration.ofMillis(400));
            assertFalse(raw.isClosedByServer(), "closed before the TTL");
            clock.advance(Duration.ofMillis(200));
            assertTrue(raw.awaitClosedByServer(TIMEOUT), "the TTL was not honoured");
        }
    }
}
