package dev.meshmq.patterns;

import static dev.meshmq.MonitorEventType.CONNECT_RETRIED;
import static dev.meshmq.MonitorEventType.DISCONNECTED;
import static dev.meshmq.MonitorEventType.HANDSHAKE_FAILED_PROTOCOL;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.ManualClock;
import dev.meshmq.testsupport.MonitorEvents;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reconnect policy: jittered backoff up to the maximum, and the rules that stop reconnecting. */
class ReconnectTest extends MeshTestSupport {

    /**
     * On a manual clock moved in 10 ms steps: the waits announced double from the interval to the
     * maximum with up to 20 ms of jitter, and the clock time the attempts take covers them.
     */
    @Test
    void theWaitBetweenAttemptsDoublesUpToTheMaximumWithJitter() {
        ManualClock clock = new ManualClock();
        Context context = newContext(ContextConfig.defaults().withClock(clock));
        PushSocket push = context.createPush();
        push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(20));
        push.set(SocketOptions.RECONNECT_INTERVAL_MAX, Duration.ofMillis(160));
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        long start = clock.nanoTime();
        push.connect("tcp://127.0.0.1:" + unusedTcpPort());
        long[] base = {20, 40, 80, 160, 160, 160};
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> {
            clock.advance(Duration.ofMillis(10));
            return events.count(CONNECT_RETRIED) > base.length;
        });
        List<Long> waits = events.events().stream().filter(event -> event.type() == CONNECT_RETRIED)
                .map(MonitorEvent::value).toList();
        long waited = 0;
        for (int i = 0; i < base.length; i++) {
            long wait = waits.get(i);
            assertTrue(wait >= base[i] && wait < base[i] + 20, "wait " + i + " was " + wait + " ms: " + waits);
            waited += wait;
        }
        long elapsed = Duration.ofNanos(clock.nanoTime() - start).toMillis();
        assertTrue(elapsed >= waited, "six attempts in " + elapsed + " ms of clock time, waits " + waits);
    }

    @Test
    void aRefusedConnectStopsReconnectingWhenAskedAndTheLinkIsDropped() {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.RECONNECT_STOP_ON_REFUSED, true);
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        push.connect("tcp://127.0.0.1:" + unusedTcpPort());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> events.count(CONNECT_RETRIED) == 0);
        assertFalse(push.send(Message.of("nowhere"), SHORT), "no link left to queue on");
    }

    @Test
    void aHandshakeFailureStopsReconnectingWhenAsked() {
        Context context = newContext();
        PushSocket server = context.createPush();
        String endpoint = server.bind(Endpoints.fresh("tcp"));
        PushSocket client = context.createPush();
        client.set(SocketOptions.RECONNECT_STOP_ON_HANDSHAKE_FAILURE, true);
        MonitorEvents events = new MonitorEvents();
        client.monitor(events);
        client.connect(endpoint);
        events.awaitEvent(HANDSHAKE_FAILED_PROTOCOL, TIMEOUT);
        events.awaitEvent(DISCONNECTED, TIMEOUT);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> events.count(HANDSHAKE_FAILED_PROTOCOL) == 1 && events.count(CONNECT_RETRIED) == 0);
        assertEquals(1, events.count(DISCONNECTED));
    }
}
