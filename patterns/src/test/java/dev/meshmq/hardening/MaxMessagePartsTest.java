package dev.meshmq.hardening;

import static dev.meshmq.testsupport.RawZmtpPeer.concat;
import static dev.meshmq.testsupport.RawZmtpPeer.message;
import static dev.meshmq.testsupport.RawZmtpPeer.nullGreeting;
import static dev.meshmq.testsupport.RawZmtpPeer.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.MonitorEvents;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MAX_MESSAGE_PARTS on a socket: a message of exactly the limit is delivered, one of more frames closes
 * that connection (and only it) with the reason in the DISCONNECTED event, in clear text and under CURVE;
 * an invalid value is refused and leaves the socket as it was. See {@code MoreFrameFloodTest} for the
 * memory it saves.
 *
 * <p>Thread-safety: one test thread.
 */
class MaxMessagePartsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Context context;

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void theDefaultIs65536AndAnInvalidValueChangesNothing() {
        try (PullSocket pull = context.createPull()) {
            assertEquals(65_536, pull.get(SocketOptions.MAX_MESSAGE_PARTS));
            pull.set(SocketOptions.MAX_MESSAGE_PARTS, 7);
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                    () -> pull.set(SocketOptions.MAX_MESSAGE_PARTS, 0));
            assertTrue(zero.getMessage().contains("MAX_MESSAGE_PARTS"), zero.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pull.set(SocketOptions.MAX_MESSAGE_PARTS, -2));
            assertEquals(7, pull.get(SocketOptions.MAX_MESSAGE_PARTS));
            pull.set(SocketOptions.MAX_MESSAGE_PARTS, -1);
            assertEquals(-1, pull.get(SocketOptions.MAX_MESSAGE_PARTS));
        }
    }

    @Test
    void aMessageWithMoreFramesThanTheLimitClosesOnlyItsConnection() throws Exception {
        try (PullSocket pull = context.createPull(); PushSocket good = context.createPush()) {
            pull.set(SocketOptions.MAX_MESSAGE_PARTS, 4);
            MonitorEvents events = new MonitorEvents();
            pull.monitor(events);
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            good.connect(endpoint);
            try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
                raw.send(concat(nullGreeting(), ready("PUSH"), message("a", "b", "c", "d")), TIMEOUT);
                assertEquals(Message.of("a", "b", "c", "d"), pull.receive(TIMEOUT).orElseThrow());
                raw.sendUntilClosed(message("1", "2", "3", "4", "5"), TIMEOUT);
                assertTrue(raw.awaitClosedByServer(TIMEOUT), "the connection of the 5-frame message stayed open");
            }
            MonitorEvent disconnected = events.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
            assertTrue(disconnected.detail().contains("MAX_MESSAGE_PARTS 4"), disconnected.toString());
            assertTrue(good.send(Message.of("w", "x", "y", "z"), TIMEOUT));
            assertEquals(Message.of("w", "x", "y", "z"), pull.receive(TIMEOUT).orElseThrow());
            assertFalse(pull.tryReceive().isPresent(), "a frame of the refused message was delivered");
        }
    }

    @Test
    void underCurveTheLimitHoldsToo() {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            pull.set(SocketOptions.CURVE_SERVER, true);
            pull.set(SocketOptions.CURVE_SECRET_KEY, server.secretKey());
            pull.set(SocketOptions.MAX_MESSAGE_PARTS, 3);
            MonitorEvents events = new MonitorEvents();
            pull.monitor(events);
            push.set(SocketOptions.CURVE_SERVER_KEY, server.publicKey());
            push.set(SocketOptions.CURVE_PUBLIC_KEY, client.publicKey());
            push.set(SocketOptions.CURVE_SECRET_KEY, client.secretKey());
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            assertTrue(push.send(Message.of("a", "b", "c"), TIMEOUT));
            assertEquals(Message.of("a", "b", "c"), pull.receive(TIMEOUT).orElseThrow());
            assertTrue(push.send(Message.of("1", "2", "3", "4"), TIMEOUT));
            MonitorEvent disconnected = events.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
            assertTrue(disconnected.detail().contains("MAX_MESSAGE_PARTS 3"), disconnected.toString());
            assertFalse(pull.tryReceive().isPresent(), "a frame of the refused message was delivered");
        }
    }
}
