package dev.meshmq.patterns;

import static dev.meshmq.testsupport.RawZmtpPeer.concat;
import static dev.meshmq.testsupport.RawZmtpPeer.nullGreeting;
import static dev.meshmq.testsupport.RawZmtpPeer.ready;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.ManualClock;
import dev.meshmq.testsupport.MonitorEvents;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Timers on a clock the test moves (issue 12: a clock in ContextConfig): heartbeats, handshake
 * deadlines and reconnect intervals of minutes pass in no time, and nothing fires before its time.
 */
class ClockDrivenTimersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock();
    private Context context;

    @BeforeEach
    void setUp() {
        context = Context.create(ContextConfig.defaults().withClock(clock));
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    @Test
    void aSilentPeerIsPingedAndDroppedWhenTheClockSaysSo() throws IOException {
        try (PullSocket pull = context.createPull()) {
            MonitorEvents events = new MonitorEvents();
            pull.monitor(events);
            pull.set(SocketOptions.HEARTBEAT_INTERVAL, Duration.ofMinutes(1));
            pull.set(SocketOptions.HEARTBEAT_TIMEOUT, Duration.ofMinutes(3));
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer silent = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
                silent.send(concat(nullGreeting(), ready("PUSH")), TIMEOUT);
                events.awaitEvent(MonitorEventType.HANDSHAKE_SUCCEEDED, TIMEOUT);
                silent.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
                silent.receiveFrame(TIMEOUT);
                clock.advance(Duration.ofSeconds(59));
                assertFalse(silent.isClosedByServer());
                clock.advance(Duration.ofSeconds(1));
                byte[] ping = silent.receiveFrame(TIMEOUT);
                assertEquals("PING", new String(ping, 2, 4, java.nio.charset.StandardCharsets.US_ASCII));
                clock.advance(Duration.ofSeconds(179));
                assertEquals(0, events.count(MonitorEventType.DISCONNECTED), "dropped before its timeout");
                clock.advance(Duration.ofSeconds(2));
                MonitorEvent dropped = events.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
                assertTrue(dropped.detail().contains("heartbeat timeout"), dropped.toString());
                assertTrue(silent.awaitClosedByServer(TIMEOUT));
            }
        }
    }

    @Test
    void aConnectionThatNeverFinishesItsHandshakeIsClosedAtTheDeadline() throws IOException {
        try (PullSocket pull = context.createPull()) {
            MonitorEvents events = new MonitorEvents();
            pull.monitor(events);
            pull.set(SocketOptions.HANDSHAKE_INTERVAL, Duration.ofMinutes(10));
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer mute = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
                events.awaitEvent(MonitorEventType.ACCEPTED, TIMEOUT);
                clock.advance(Duration.ofMinutes(9));
                assertFalse(mute.isClosedByServer());
                clock.advance(Duration.ofMinutes(1));
                assertTrue(mute.awaitClosedByServer(TIMEOUT), "still open after the handshake deadline");
                events.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_NO_DETAIL, TIMEOUT);
            }
        }
    }

    @Test
    void aReconnectWaitsForTheClockNotForTheWall() throws IOException {
        int port;
        try (ServerSocketChannel refusing = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            port = ((InetSocketAddress) refusing.getLocalAddress()).getPort();
        }
        try (PushSocket push = context.createPush()) {
            MonitorEvents events = new MonitorEvents();
            push.monitor(events);
            push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMinutes(5));
            push.connect("tcp://127.0.0.1:" + port);
            events.awaitEvent(MonitorEventType.CONNECT_RETRIED, TIMEOUT);
            long attempts = events.count(MonitorEventType.CONNECT_RETRIED);
            clock.advance(Duration.ofMinutes(4));
            assertEquals(attempts, events.count(MonitorEventType.CONNECT_RETRIED), "retried before the interval");
            clock.advance(Duration.ofMinutes(6));
            await().atMost(TIMEOUT).until(() -> events.count(MonitorEventType.CONNECT_RETRIED) > attempts);
        }
    }
}
