package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PubSocket;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PUB drops per subscriber at the high-water mark and never blocks; XPUB_NODROP waits instead; drops are counted. */
class PubSubHwmTest extends MeshTestSupport {

    private static final int HWM = 10;
    private static final int BURST = 2000;

    private static SubSocket subscriber(Context context, PubSocket pub, String topic) {
        SubSocket sub = context.createSub();
        sub.set(SocketOptions.RECEIVE_HWM, HWM);
        sub.connect(pub.lastEndpoint());
        sub.subscribe(topic);
        return sub;
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void publisherDropsForAFullSubscriberWithoutBlockingAndCountsEveryDrop(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        pub.set(SocketOptions.SEND_HWM, HWM);
        pub.bind(Endpoints.fresh(transport));
        SubSocket slow = subscriber(context, pub, "m");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        byte[] payload = new byte[64 * 1024];
        for (int i = 0; i < BURST; i++) {
            assertTrue(pub.trySend(numbered("m", i, payload)), "a PUB never refuses a send");
        }
        PublisherStatistics statistics = pub.publisherStatistics();
        assertEquals(BURST, statistics.messagesPublished());
        assertEquals(BURST, statistics.messagesSent() + statistics.messagesDropped());
        assertTrue(statistics.messagesDropped() > 0, "nothing was dropped: " + statistics);
        PublisherStatistics.Peer peer = statistics.peers().get(0);
        assertEquals(statistics.messagesDropped(), peer.messagesDropped());
        assertEquals(statistics.messagesDropped(), pub.statistics().droppedAtHwm(), "the socket statistics agree");
        if ("inproc".equals(transport)) {
            assertEquals(2 * HWM, statistics.messagesSent(), "inproc holds exactly SEND_HWM + RECEIVE_HWM");
            assertEquals(2 * HWM, peer.queueDepth());
        }
        long received = 0;
        int last = -1;
        Message message;
        while ((message = slow.receive(QUIET).orElse(null)) != null) {
            int index = indexOf(message);
            assertTrue(index > last, "messages arrive in order, gaps only");
            last = index;
            received++;
        }
        assertEquals(statistics.messagesSent(), received, "every message counted as sent arrived");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void aFullSubscriberDoesNotHoldBackTheOthers(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        pub.set(SocketOptions.SEND_HWM, HWM);
        pub.bind(Endpoints.fresh(transport));
        SubSocket slow = subscriber(context, pub, "");
        SubSocket fast = subscriber(context, pub, "");
        assertTrue(pub.awaitSubscribers(2, TIMEOUT));
        byte[] payload = new byte[64 * 1024];
        for (int i = 0; i < 400; i++) {
            pub.send(numbered("m", i, payload));
            assertEquals("m-" + i, fast.receive(TIMEOUT).orElseThrow().string(0));
        }
        assertTrue(pub.publisherStatistics().messagesDropped() > 0);
        assertTrue(slow.receive(TIMEOUT).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void noDropRefusesTheSendUntilEveryMatchingSubscriberHasRoom(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        pub.set(SocketOptions.SEND_HWM, HWM);
        pub.set(SocketOptions.XPUB_NODROP, true);
        pub.bind(Endpoints.fresh(transport));
        SubSocket sub = subscriber(context, pub, "m");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        byte[] payload = new byte[64 * 1024];
        int accepted = 0;
        while (pub.send(numbered("m", accepted, payload), QUIET)) {
            accepted++;
            assertTrue(accepted < 10_000, "XPUB_NODROP never refused a send");
        }
        assertFalse(pub.trySend(numbered("m", accepted, payload)));
        assertTrue(pub.trySend(Message.of("other-topic")), "a message nobody is full for goes out");
        assertEquals(0, pub.publisherStatistics().messagesDropped());

        int next = accepted;
        Worker<Boolean> sender = background("nodrop-sender", () -> pub.send(numbered("m", next, payload), TIMEOUT));
        expectInOrder(sub, "m", 0, accepted + 1);
        assertTrue(sender.value(TIMEOUT), "the blocked send completed once the subscriber read");
        assertEquals(0, pub.publisherStatistics().messagesDropped());
    }

    @Test
    void statisticsMayBeReadFromAnotherThreadWhileSending() {
        Context context = newContext();
        PubSocket pub = context.createPub();
        pub.set(SocketOptions.SEND_HWM, HWM);
        pub.bind(Endpoints.fresh("inproc"));
        subscriber(context, pub, "");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        Worker<Long> reader = background("statistics-reader", () -> {
            long seen = 0;
            while (seen < 1000) {
                PublisherStatistics statistics = pub.publisherStatistics();
                assertTrue(statistics.messagesPublished() >= seen, "the counters only grow");
                seen = statistics.messagesPublished();
            }
            return seen;
        });
        for (int i = 0; i < 1000; i++) {
            pub.send(numbered("m", i));
        }
        assertEquals(1000L, reader.value(TIMEOUT));
        await().atMost(TIMEOUT).until(() -> pub.publisherStatistics().messagesDropped() == 1000 - 2 * HWM);
    }
}
