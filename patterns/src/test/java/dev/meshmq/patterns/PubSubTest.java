package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PubSocket;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.SubSocket;
import dev.meshmq.testsupport.Endpoints;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PUB/SUB contracts on every transport: prefix filtering at the publisher, the empty topic,
 * subscriptions as a multiset, several subscribers, forgetting a subscriber that left, resubscribing
 * after a reconnect, and waiting for subscribers.
 */
class PubSubTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void deliversOnlyMatchingPrefixesAndFiltersAtThePublisher(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        SubSocket sub = context.createSub();
        sub.connect(pub.bind(Endpoints.fresh(transport)));
        sub.subscribe("news");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));

        pub.send("weather-0");
        pub.send("news-0");
        pub.send(Message.of("newsflash-1", "body"));
        pub.send("new-2");
        expectInOrder(sub, "news", 0, 1);
        Message multipart = sub.receive(TIMEOUT).orElseThrow();
        assertEquals("newsflash-1", multipart.string(0));
        assertEquals("body", multipart.string(1));
        expectNothing(sub, SHORT);
        PublisherStatistics statistics = pub.publisherStatistics();
        assertEquals(4, statistics.messagesPublished());
        assertEquals(2, statistics.messagesSent(), "the publisher must not send what nobody subscribed to");
        assertEquals(0, statistics.messagesDropped());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void emptyTopicMatchesEverythingAndNoSubscriptionMatchesNothing(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        SubSocket all = context.createSub();
        SubSocket none = context.createSub();
        String endpoint = pub.bind(Endpoints.fresh(transport));
        all.connect(endpoint);
        none.connect(endpoint);
        all.subscribe("");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        pub.send("a-0");
        pub.send(new byte[0]);
        pub.send("z-1");
        assertEquals("a-0", all.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals(0, all.receive(TIMEOUT).orElseThrow().first().size());
        assertEquals("z-1", all.receive(TIMEOUT).orElseThrow().string(0));
        expectNothing(none, SHORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void subscriptionsAreAMultiset(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        SubSocket sub = context.createSub();
        sub.connect(pub.bind(Endpoints.fresh(transport)));
        sub.subscribe("A");
        sub.subscribe("A");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));

        sub.unsubscribe("A");
        syncSubscription(pub, sub, "sync1");
        pub.send("A-0");
        expectInOrder(sub, "A", 0, 1);

        sub.unsubscribe("A");
        syncSubscription(pub, sub, "sync2");
        long sentBefore = pub.publisherStatistics().messagesSent();
        pub.send("A-1");
        pub.send("sync2-end");
        assertEquals("sync2-end", sub.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals(sentBefore + 1, pub.publisherStatistics().messagesSent(), "A-1 must not leave the publisher");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void eachSubscriberGetsItsOwnTopicsOnceWhenSubscriptionsOverlap(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        SubSocket first = context.createSub();
        SubSocket second = context.createSub();
        String firstEndpoint = first.bind(Endpoints.fresh(transport));
        String secondEndpoint = second.bind(Endpoints.fresh(transport));
        pub.connect(firstEndpoint);
        pub.connect(secondEndpoint);
        first.subscribe("a");
        first.subscribe("ab");
        second.subscribe("b");
        awaitSubscribersOfBindingSubs(pub, first, second);
        syncSubscription(pub, first, "sync");

        pub.send("abc-0");
        pub.send("b-0");
        pub.send("a-1");
        assertEquals("abc-0", first.receive(TIMEOUT).orElseThrow().string(0));
        expectInOrder(first, "a", 1, 1);
        expectNothing(first, SHORT);
        expectInOrder(second, "b", 0, 1);
        expectNothing(second, SHORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "tcp"})
    void subscriberResubscribesAfterThePublisherRestarts(String transport) {
        Context context = newContext();
        String endpoint = concreteEndpoint(transport);
        PubSocket pub = context.createPub();
        pub.bind(endpoint);
        SubSocket sub = context.createSub();
        sub.connect(endpoint);
        sub.subscribe("t");
        sub.subscribe("t");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        pub.send("t-0");
        expectInOrder(sub, "t", 0, 1);
        pub.close();

        PubSocket restarted = context.createPub();
        restarted.bind(endpoint);
        assertTrue(restarted.awaitSubscribers(1, TIMEOUT), "the subscriber did not resubscribe");
        restarted.send("t-1");
        expectInOrder(sub, "t", 1, 1);
        sub.unsubscribe("t");
        sub.unsubscribe("t");
        sub.subscribe("sync");
        await().atMost(TIMEOUT).until(() -> {
            restarted.send("sync-x");
            return sub.receive(SHORT).isPresent();
        });
        long sentBefore = restarted.publisherStatistics().messagesSent();
        restarted.send("t-2");
        assertEquals(sentBefore, restarted.publisherStatistics().messagesSent(),
                "both subscriptions were replayed once each, so two cancels remove them");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void publisherForgetsASubscriberThatLeft(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        SubSocket sub = context.createSub();
        sub.connect(pub.bind(Endpoints.fresh(transport)));
        sub.subscribe("");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        assertEquals(1, pub.publisherStatistics().peers().size());
        sub.close();
        await().atMost(TIMEOUT).until(() -> {
            pub.send("after-close");
            return pub.publisherStatistics().peers().isEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void noMessageIsLostAfterAwaitSubscribersReturns(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        String endpoint = pub.bind(Endpoints.fresh(transport));
        assertFalse(pub.awaitSubscribers(1, Duration.ZERO));
        assertFalse(pub.awaitSubscribers(1, SHORT), "nobody subscribed yet");
        SubSocket first = context.createSub();
        SubSocket second = context.createSub();
        first.connect(endpoint);
        second.connect(endpoint);
        first.subscribe("m");
        second.subscribe("m");
        assertTrue(pub.awaitSubscribers(2, TIMEOUT));
        for (int i = 0; i < 500; i++) {
            pub.send(numbered("m", i));
        }
        expectInOrder(first, "m", 0, 500);
        expectInOrder(second, "m", 0, 500);
        assertEquals(0, pub.publisherStatistics().messagesDropped());
    }

    /**
     * Waits until every SUB has subscribed at the publisher. A binding SUB learns of a new publisher
     * connection when its owner next calls into it (as in libzmq), so the SUBs poll meanwhile.
     */
    static void awaitSubscribersOfBindingSubs(PubSocket pub, SubSocket... subs) {
        await().atMost(TIMEOUT).until(() -> {
            for (SubSocket sub : subs) {
                assertTrue(sub.tryReceive().isEmpty(), "nothing was published yet");
            }
            return pub.awaitSubscribers(subs.length, SHORT);
        });
    }

    /**
     * Subscribes to {@code marker} and publishes it until it arrives: every subscription change the
     * subscriber made before has then reached the publisher (one link keeps order).
     */
    static void syncSubscription(PubSocket pub, SubSocket sub, String marker) {
        sub.subscribe(marker);
        await().atMost(TIMEOUT).until(() -> {
            pub.send(marker + "-probe");
            return sub.receive(SHORT).isPresent();
        });
        while (sub.receive(SHORT).isPresent()) {
            // drop the surplus probes
        }
    }
}
