package dev.meshmq.hardening;

import static dev.meshmq.testsupport.RawZmtpPeer.concat;
import static dev.meshmq.testsupport.RawZmtpPeer.message;
import static dev.meshmq.testsupport.RawZmtpPeer.nullGreeting;
import static dev.meshmq.testsupport.RawZmtpPeer.ready;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DishSocket;
import dev.meshmq.Message;
import dev.meshmq.MessageSender;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PubSocket;
import dev.meshmq.RadioSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.testsupport.MonitorEvents;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MAX_SUBSCRIPTIONS on PUB, XPUB and RADIO: a peer may hold that many topics (subscribing again to one it holds
 * does not count); asking for one more closes its connection, and only its; an XPUB's application sees
 * the subscriptions up to the limit and not the one beyond (then, the peer gone, the cancels of its
 * topics); an invalid value changes nothing.
 *
 * <p>Thread-safety: one test thread.
 */
class MaxSubscriptionsTest {

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
    void theDefaultIsNoLimitAndAnInvalidValueChangesNothing() {
        try (PubSocket pub = context.createPub()) {
            assertEquals(-1, pub.get(SocketOptions.MAX_SUBSCRIPTIONS));
            pub.set(SocketOptions.MAX_SUBSCRIPTIONS, 10);
            assertThrows(IllegalArgumentException.class, () -> pub.set(SocketOptions.MAX_SUBSCRIPTIONS, 0));
            assertThrows(IllegalArgumentException.class, () -> pub.set(SocketOptions.MAX_SUBSCRIPTIONS, -5));
            assertEquals(10, pub.get(SocketOptions.MAX_SUBSCRIPTIONS));
        }
    }

    @Test
    void aPubDisconnectsOnlyThePeerThatAsksForOneTopicTooMany() throws Exception {
        try (PubSocket pub = context.createPub(); SubSocket good = context.createSub()) {
            pub.set(SocketOptions.MAX_SUBSCRIPTIONS, 3);
            String endpoint = pub.bind("tcp://127.0.0.1:*");
            good.subscribe("g1");
            good.subscribe("g2");
            good.connect(endpoint);
            try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
                raw.send(concat(nullGreeting(), ready("SUB"), subscription("a"), subscription("b"),
                        subscription("c"), subscription("a")), TIMEOUT);
                awaitDelivered(pub, good, "g1");
                // three topics held, "a" twice: still connected
                assertTrue(!raw.isClosedByServer(), "closed at three topics");
                raw.send(subscription("d"), TIMEOUT);
                await().atMost(TIMEOUT).until(() -> {
                    pub.send(Message.of("g2 tick"));
                    return raw.isClosedByServer();
                });
            }
            awaitDelivered(pub, good, "g2");
        }
    }

    @Test
    void anXpubPassesUpTheSubscriptionsWithinTheLimitOnly() throws Exception {
        try (XPubSocket xpub = context.createXPub()) {
            xpub.set(SocketOptions.MAX_SUBSCRIPTIONS, 2);
            String endpoint = xpub.bind("tcp://127.0.0.1:*");
            try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
                raw.send(concat(nullGreeting(), ready("SUB"), subscription("x"), subscription("y")), TIMEOUT);
                assertEquals("\u0001x", xpub.receive(TIMEOUT).orElseThrow().string(0));
                assertEquals("\u0001y", xpub.receive(TIMEOUT).orElseThrow().string(0));
                raw.send(subscription("z"), TIMEOUT);
                List<String> seen = new ArrayList<>();
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (!raw.isClosedByServer()) {
                    assertTrue(System.nanoTime() < deadline, "the third subscription did not close the connection");
                    xpub.receive(Duration.ofMillis(10)).ifPresent(m -> seen.add(m.string(0)));
                }
                // the peer gone, the cancels of its topics come once the socket has handled its end; never "z"
                while (seen.size() < 2) {
                    assertTrue(System.nanoTime() < deadline, "no cancels after the peer left: " + seen);
                    xpub.receive(Duration.ofMillis(10)).ifPresent(m -> seen.add(m.string(0)));
                }
                assertEquals(List.of("\u0000x", "\u0000y"), seen.stream().sorted().toList());
                assertTrue(xpub.receive(Duration.ofMillis(100)).isEmpty(), "more than expected: " + seen);
            }
        }
    }

    @Test
    void aRadioDisconnectsTheDishThatJoinsOneGroupTooMany() {
        try (RadioSocket radio = context.createRadio(); DishSocket good = context.createDish();
                DishSocket greedy = context.createDish()) {
            radio.set(SocketOptions.MAX_SUBSCRIPTIONS, 2);
            MonitorEvents events = new MonitorEvents();
            radio.monitor(events);
            String endpoint = radio.bind("tcp://127.0.0.1:*");
            good.join("news");
            good.connect(endpoint);
            assertTrue(radio.awaitJoined("news", 1, TIMEOUT));
            greedy.join("a");
            greedy.join("b");
            greedy.join("news");
            greedy.connect(endpoint);
            // the RADIO reads joins when it is used: send until the greedy DISH's connection is gone
            await().atMost(TIMEOUT).until(() -> {
                radio.send("news", "tick");
                return events.count(MonitorEventType.DISCONNECTED) > 0;
            });
            assertTrue(radio.awaitJoined("news", 1, TIMEOUT));
            radio.send("news", "after");
            await().atMost(TIMEOUT).until(() -> good.receive(Duration.ofMillis(10))
                    .map(m -> m.string(0).equals("after")).orElse(false));
        }
    }

    private static byte[] subscription(String topic) {
        return message("\u0001" + topic);
    }

    /** Publishes {@code topic} until {@code sub} receives it (its subscription may not have arrived yet). */
    private static void awaitDelivered(MessageSender pub, Socket sub, String topic) {
        SubSocket subscriber = (SubSocket) sub;
        await().atMost(TIMEOUT).until(() -> {
            pub.send(Message.of(topic + " tick"));
            return subscriber.receive(Duration.ofMillis(10)).map(m -> m.string(0).startsWith(topic)).orElse(false);
        });
    }
}
