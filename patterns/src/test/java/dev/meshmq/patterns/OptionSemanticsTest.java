package dev.meshmq.patterns;

import static dev.meshmq.MonitorEventType.CONNECTED;
import static dev.meshmq.MonitorEventType.CONNECT_DELAYED;
import static dev.meshmq.MonitorEventType.CONNECT_RETRIED;
import static dev.meshmq.MonitorEventType.DISCONNECTED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.AddressInUseException;
import dev.meshmq.Context;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.MonitorEvents;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Option values libzmq accepts with a meaning of their own: RECONNECT_INTERVAL -1 (never reconnect),
 * BACKLOG 0, and the HEARTBEAT_TTL limit of the 16-bit PING field (libzmq 4.3.4 verified: -1 and 0
 * stop reconnecting, BACKLOG 0 accepted and -1 refused, TTL 6553599 ms accepted and 6553600 refused).
 */
class OptionSemanticsTest extends MeshTestSupport {

    @Test
    void aNegativeReconnectIntervalMakesOneAttemptOnly() {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(-1));
        assertEquals(Duration.ofMillis(-1), push.get(SocketOptions.RECONNECT_INTERVAL));
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        String endpoint = "tcp://127.0.0.1:" + unusedTcpPort();
        push.connect(endpoint);
        events.awaitEvent(CONNECT_DELAYED, TIMEOUT);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> events.count(CONNECT_RETRIED) == 0);
        PullSocket late = context.createPull();
        late.bind(endpoint);
        assertFalse(push.send(numbered("m", 0), SHORT), "the endpoint was given up: no link to queue on");
        expectNothing(late, SHORT);
        assertEquals(0, events.count(CONNECTED), "no second attempt after the bind");
    }

    @Test
    void aNegativeReconnectIntervalGivesUpAnEndpointWhoseConnectionEnded() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind(Endpoints.fresh("tcp"));
        PushSocket push = context.createPush();
        push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofSeconds(-5));
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        push.connect(endpoint);
        assertTrue(push.send(numbered("m", 0), TIMEOUT));
        expectInOrder(pull, "m", 0, 1);
        pull.close();
        events.awaitEvent(DISCONNECTED, TIMEOUT);
        PullSocket again = context.createPull();
        // the closed PULL releases its port on its I/O thread: bind once it is free
        await().atMost(TIMEOUT).ignoreExceptionsInstanceOf(AddressInUseException.class).until(() -> {
            again.bind(endpoint);
            return true;
        });
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> events.count(CONNECT_RETRIED) == 0 && events.count(CONNECTED) == 1);
        assertFalse(push.send(numbered("m", 1), SHORT), "the endpoint was given up: no link to queue on");
        expectNothing(again, SHORT);
    }

    @Test
    void aZeroReconnectIntervalIsRefusedNamingTheNegativeAlternative() {
        PushSocket push = newContext().createPush();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ZERO));
        assertTrue(refused.getMessage().contains("negative"), refused.getMessage());
        assertEquals(Duration.ofMillis(100), push.get(SocketOptions.RECONNECT_INTERVAL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void aBacklogOfZeroIsAcceptedAndTheEndpointWorks(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.set(SocketOptions.BACKLOG, 0);
        assertEquals(0, pull.get(SocketOptions.BACKLOG));
        String endpoint = pull.bind(Endpoints.fresh(transport));
        PushSocket push = context.createPush();
        push.connect(endpoint);
        assertTrue(push.send(numbered("m", 0), TIMEOUT));
        expectInOrder(pull, "m", 0, 1);
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> pull.set(SocketOptions.BACKLOG, -1));
        assertTrue(refused.getMessage().contains("BACKLOG"), refused.getMessage());
        assertEquals(0, pull.get(SocketOptions.BACKLOG), "a refused value changes nothing");
    }

    @Test
    void theHeartbeatTtlIsLimitedToWhatThe16BitPingFieldCarries() {
        PushSocket push = newContext().createPush();
        push.set(SocketOptions.HEARTBEAT_TTL, Duration.ofMillis(6_553_599));
        for (Duration tooLong : new Duration[] {Duration.ofMillis(6_553_600), Duration.ofDays(365),
                Duration.ofSeconds(Long.MAX_VALUE)}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> push.set(SocketOptions.HEARTBEAT_TTL, tooLong), "TTL " + tooLong);
            assertTrue(refused.getMessage().contains("HEARTBEAT_TTL") && refused.getMessage().contains("16 bits"),
                    refused.getMessage());
        }
        assertEquals(Duration.ofMillis(6_553_599), push.get(SocketOptions.HEARTBEAT_TTL));
    }
}
