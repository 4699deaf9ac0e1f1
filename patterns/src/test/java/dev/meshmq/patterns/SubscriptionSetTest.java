package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PubSocket;
import dev.meshmq.SubSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.testsupport.RawZmtpPeer;
import dev.meshmq.testsupport.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Repeated subscriptions on the wire, as libzmq 4.3.4 handles them (raw peers, verified): a publisher
 * holds a topic once per subscriber however often it was subscribed, and one cancel ends it; so a SUB
 * sends every subscribe (once per topic when a connection starts) but a cancel only when it holds the
 * topic no more. A MeshMQ SUB that subscribed twice and unsubscribed once thus keeps receiving from a
 * libzmq PUB, and a libzmq SUB's single cancel ends its subscription at a MeshMQ PUB.
 */
class SubscriptionSetTest extends MeshTestSupport {

    @Test
    void aSubSendsEachTopicOnceOnConnectAndACancelOnlyForItsLastSubscription() throws IOException {
        SubSocket sub = newContext().createSub();
        sub.subscribe("A");
        sub.subscribe("A");
        String endpoint = sub.bind("tcp://127.0.0.1:*");
        AtomicBoolean go = new AtomicBoolean();
        Worker<Boolean> owner = background("sub-owner", () -> {
            while (!go.get()) {
                sub.receive(SHORT);
            }
            sub.unsubscribe("A");
            sub.subscribe("B");
            sub.unsubscribe("A");
            return true;
        });
        try (RawZmtpPeer peer = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            peer.send(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), RawZmtpPeer.ready("PUB")), TIMEOUT);
            peer.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
            peer.receiveFrame(TIMEOUT);
            assertArrayEquals(command("SUBSCRIBE", "A"), peer.receiveFrame(TIMEOUT));
            go.set(true);
            assertTrue(owner.value(TIMEOUT));
            assertArrayEquals(command("SUBSCRIBE", "B"), peer.receiveFrame(TIMEOUT),
                    "A is sent once, and the first unsubscribe of two sends no cancel");
            assertArrayEquals(command("CANCEL", "A"), peer.receiveFrame(TIMEOUT));
        }
    }

    @Test
    void anXpubReportsTheCancelThatEndsASubscriberRepeatedSubscription() throws IOException {
        XPubSocket xpub = newContext().createXPub();
        try (RawZmtpPeer peer = subscriber(xpub.bind("tcp://127.0.0.1:*"))) {
            peer.send(RawZmtpPeer.concat(RawZmtpPeer.command("SUBSCRIBE", bytes("A")),
                    RawZmtpPeer.command("SUBSCRIBE", bytes("A")), RawZmtpPeer.command("CANCEL", bytes("A")),
                    RawZmtpPeer.message(new byte[] {2, 'x'})), TIMEOUT);
            assertEquals(Message.of(new byte[] {1, 'A'}), xpub.receive(TIMEOUT).orElseThrow());
            assertEquals(Message.of(new byte[] {0, 'A'}), xpub.receive(TIMEOUT).orElseThrow(),
                    "one cancel ends the subscription, as in libzmq");
            assertEquals(Message.of(new byte[] {2, 'x'}), xpub.receive(TIMEOUT).orElseThrow());
        }
    }

    @Test
    void aPubStopsSendingATopicAfterOneCancelHoweverOftenItWasSubscribed() throws IOException {
        Context context = newContext();
        PubSocket pub = context.createPub();
        try (RawZmtpPeer peer = subscriber(pub.bind("tcp://127.0.0.1:*"))) {
            peer.send(RawZmtpPeer.concat(RawZmtpPeer.command("SUBSCRIBE", bytes("A")),
                    RawZmtpPeer.command("SUBSCRIBE", bytes("A")), RawZmtpPeer.command("CANCEL", bytes("A")),
                    RawZmtpPeer.command("SUBSCRIBE", bytes("z"))), TIMEOUT);
            assertTrue(pub.awaitSubscribers(1, TIMEOUT));
            await().atMost(TIMEOUT).until(() -> {
                pub.send("z-probe");
                return pub.publisherStatistics().messagesSent() > 0;
            });
            // z was subscribed after the cancel, so the cancel has been applied too
            pub.send("A-1");
            pub.send("z-1");
            byte[] frame;
            do {
                frame = peer.receiveFrame(TIMEOUT);
            } while (new String(frame, StandardCharsets.US_ASCII).endsWith("z-probe"));
            assertArrayEquals(RawZmtpPeer.concat(new byte[] {0}, bytes("z-1")), frame, "A-1 must not be sent");
        }
    }

    private static RawZmtpPeer subscriber(String endpoint) throws IOException {
        RawZmtpPeer peer = RawZmtpPeer.connect(endpoint, TIMEOUT);
        peer.send(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), RawZmtpPeer.ready("SUB")), TIMEOUT);
        peer.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
        peer.receiveFrame(TIMEOUT);
        return peer;
    }

    private static byte[] command(String name, String topic) {
        return RawZmtpPeer.concat(new byte[] {RawZmtpPeer.FLAG_COMMAND}, RawZmtpPeer.commandBody(name, bytes(topic)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
