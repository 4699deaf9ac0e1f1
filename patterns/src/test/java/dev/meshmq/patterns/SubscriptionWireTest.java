package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.PubSocket;
import dev.meshmq.SubSocket;
import dev.meshmq.testsupport.RawZmtpPeer;
import dev.meshmq.testsupport.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Subscriptions on the wire, checked byte by byte against a hand-made peer: a SUB sends SUBSCRIBE and
 * CANCEL commands to a ZMTP 3.1 peer and 0x01/0x00-prefixed messages to a 3.0 peer; a PUB accepts both
 * forms from any peer.
 */
class SubscriptionWireTest extends MeshTestSupport {

    private static final byte[] AB = "ab".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void subSendsTheFormThePeersVersionCallsFor(int minor) throws IOException {
        SubSocket sub = newContext().createSub();
        sub.subscribe("ab");
        String endpoint = sub.bind("tcp://127.0.0.1:*");
        AtomicBoolean cancelNow = new AtomicBoolean();
        Worker<Boolean> owner = background("sub-owner", () -> {
            while (!cancelNow.get()) {
                sub.receive(SHORT);
            }
            sub.unsubscribe("ab");
            return true;
        });
        try (RawZmtpPeer peer = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            peer.send(RawZmtpPeer.concat(RawZmtpPeer.greeting(3, minor, "NULL"), RawZmtpPeer.ready("PUB")), TIMEOUT);
            peer.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
            peer.receiveFrame(TIMEOUT);
            byte[] subscribe = peer.receiveFrame(TIMEOUT);
            cancelNow.set(true);
            assertTrue(owner.value(TIMEOUT));
            byte[] cancel = peer.receiveFrame(TIMEOUT);
            if (minor == 1) {
                assertArrayEquals(RawZmtpPeer.concat(new byte[] {RawZmtpPeer.FLAG_COMMAND},
                        RawZmtpPeer.commandBody("SUBSCRIBE", AB)), subscribe);
                assertArrayEquals(RawZmtpPeer.concat(new byte[] {RawZmtpPeer.FLAG_COMMAND},
                        RawZmtpPeer.commandBody("CANCEL", AB)), cancel);
            } else {
                assertArrayEquals(new byte[] {0, 1, 'a', 'b'}, subscribe);
                assertArrayEquals(new byte[] {0, 0, 'a', 'b'}, cancel);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pubAcceptsCommandsAndMessagesFromA31Peer(boolean asCommand) throws IOException {
        Context context = newContext();
        PubSocket pub = context.createPub();
        try (RawZmtpPeer peer = RawZmtpPeer.connect(pub.bind("tcp://127.0.0.1:*"), TIMEOUT)) {
            byte[] subscription = asCommand ? RawZmtpPeer.command("SUBSCRIBE", AB)
                    : RawZmtpPeer.frame(0, new byte[] {1, 'a', 'b'});
            peer.send(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), RawZmtpPeer.ready("SUB"), subscription),
                    TIMEOUT);
            assertTrue(pub.awaitSubscribers(1, TIMEOUT));
            peer.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
            peer.receiveFrame(TIMEOUT);
            pub.send("x-0");
            pub.send("abc");
            assertArrayEquals(new byte[] {0, 'a', 'b', 'c'}, peer.receiveFrame(TIMEOUT));
            byte[] cancel = asCommand ? RawZmtpPeer.command("CANCEL", AB)
                    : RawZmtpPeer.frame(0, new byte[] {0, 'a', 'b'});
            peer.send(RawZmtpPeer.concat(cancel, RawZmtpPeer.frame(0, new byte[] {1, 'z'})), TIMEOUT);
            long before = pub.publisherStatistics().messagesSent();
            await().atMost(TIMEOUT).until(() -> {
                pub.send("z");
                return pub.publisherStatistics().messagesSent() > before;
            });
            long sent = pub.publisherStatistics().messagesSent();
            pub.send("abc");
            assertEquals(sent, pub.publisherStatistics().messagesSent(), "the cancel was applied");
        }
    }

    @Test
    void pubAcceptsALegacySubscriptionFromA30Peer() throws IOException {
        PubSocket pub = newContext().createPub();
        try (RawZmtpPeer peer = RawZmtpPeer.connect(pub.bind("tcp://127.0.0.1:*"), TIMEOUT)) {
            peer.send(RawZmtpPeer.concat(RawZmtpPeer.greeting(3, 0, "NULL"), RawZmtpPeer.ready("SUB"),
                    RawZmtpPeer.frame(0, new byte[] {1})), TIMEOUT);
            assertTrue(pub.awaitSubscribers(1, TIMEOUT));
            peer.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
            peer.receiveFrame(TIMEOUT);
            pub.send("anything");
            assertArrayEquals(RawZmtpPeer.concat(new byte[] {0}, "anything".getBytes(StandardCharsets.US_ASCII)),
                    peer.receiveFrame(TIMEOUT));
        }
    }
}
