package dev.meshmq.faults;

import static dev.meshmq.MonitorEventType.DISCONNECTED;
import static dev.meshmq.MonitorEventType.HANDSHAKE_SUCCEEDED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.PairSocket;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.PubSocket;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import dev.meshmq.testsupport.FaultyRelay;
import dev.meshmq.testsupport.MonitorEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each pattern's promise when the connection under it breaks, shown through a {@link FaultyRelay}: messages
 * queued while the peer is away reach the reconnected peer, messages in flight may be lost but never
 * arrive twice or out of order, a publisher counts what it drops, and a stall without heartbeats loses
 * nothing. (REQ: {@link ReqRecoveryTest}; corruption, half-close, latency: {@link WireFaultsTest}.)
 */
class RelayFaultsTest extends FaultTestSupport {

    /**
     * A sending socket that connects through the relay and a receiving socket that binds. PAIR has its own
     * case below: a bound PAIR takes the new connection only once the old one's messages are read.
     */
    enum Pair {
        PUSH_PULL, DEALER_ROUTER, CLIENT_SERVER;

        Ends open(Context context) {
            return switch (this) {
                case PUSH_PULL -> ends(context.createPush(), context.createPull());
                case DEALER_ROUTER -> ends(context.createDealer(), context.createRouter());
                case CLIENT_SERVER -> ends(context.createClient(), context.createServer());
            };
        }

        private static <S extends Socket & MessageSender, R extends Socket & MessageReceiver> Ends ends(S sender,
                R receiver) {
            return new Ends(sender, sender, receiver, receiver);
        }
    }

    record Ends(Socket senderSocket, MessageSender sender, Socket receiverSocket, MessageReceiver receiver) {
    }

    static void sendSeries(MessageSender sender, String series, int count) {
        for (int i = 0; i < count; i++) {
            assertTrue(sender.send(Message.of(series + "-" + i), TIMEOUT), "send blocked at " + series + "-" + i);
        }
    }

    /** The tags of the given series, in the order received. */
    private static List<String> only(List<String> tags, String... series) {
        List<String> kept = new ArrayList<>();
        for (String tag : tags) {
            if (List.of(series).contains(tag.substring(0, tag.indexOf('-')))) {
                kept.add(tag);
            }
        }
        return kept;
    }

    /**
     * The "b" series crosses the reset: what the old connection delivered before the stall sits unread in
     * the receiver's queue for that connection while the rest of the series comes over the new one, and
     * the receiver's fair queue interleaves the two ("b-17, b-0, b-18, b-1, ..."), as libzmq's does. So
     * "b" is checked as two in-order connections merged, with no message twice; what was in flight at the
     * reset may be missing. (On 2026-11-29 the old check, one order for the whole series, failed in about
     * half the runs and was taken for a duplicate; the received lists show interleaving, never a message
     * twice.)
     */
    @ParameterizedTest
    @EnumSource(Pair.class)
    void queuedMessagesReachTheReconnectedPeerWhileThoseInFlightMayBeLost(Pair pair) throws Exception {
        Ends ends = pair.open(newContext());
        String endpoint = ends.receiverSocket().bind("tcp://127.0.0.1:*");
        try (FaultyRelay relay = FaultyRelay.towards(endpoint)) {
            MonitorEvents events = new MonitorEvents();
            ends.senderSocket().monitor(events);
            ends.senderSocket().connect(relay.endpoint());
            sendSeries(ends.sender(), "a", 100);
            List<String> received = new ArrayList<>(receiveThrough(ends.receiver(), "a-99"));

            sendSeries(ends.sender(), "b", 300);
            relay.stall();
            assertEquals(1, relay.reset());
            events.awaitEvent(DISCONNECTED, TIMEOUT);
            sendSeries(ends.sender(), "c", 100);
            relay.resume();
            events.awaitCount(HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            sendSeries(ends.sender(), "d", 10);
            received.addAll(receiveThrough(ends.receiver(), "d-9"));

            // order holds per connection: "a", then "c" and "d" on the new connection; the "b" messages that
            // reached the receiver over the old one may be read interleaved with the new connection's
            assertInOrderWithoutDuplicates(only(received, "a", "c", "d"), "a", "c", "d");
            assertTwoConnectionsInOrderWithoutDuplicates(only(received, "b"), "b");
            assertTrue(received.subList(0, 100).stream().allMatch(tag -> tag.startsWith("a-")), received.toString());
            assertEquals(100, count(received, "a"));
            assertEquals(100, count(received, "c"), "a message queued while the peer was away was lost");
            assertEquals(10, count(received, "d"));
            assertTrue(events.inOrder(HANDSHAKE_SUCCEEDED, DISCONNECTED, HANDSHAKE_SUCCEEDED), events.types()
                    .toString());
            assertEquals(1, ends.senderSocket().statistics().peers().get(0).reconnects());
        }
    }

    /**
     * PAIR takes one peer at a time: while the old connection's messages are unread, a bound PAIR closes a
     * new connection as soon as it is accepted, before its handshake, so the connecting PAIR writes nothing
     * into it and keeps its queue for the attempt that is taken once the receiver has read the old
     * messages. (Refused after the handshake, as libzmq does, the queued messages written into the refused
     * connection were lost.)
     */
    @Test
    void aPairKeepsWhatItQueuedWhileTheReceiverStillHadTheOldConnectionsMessages() throws Exception {
        Context context = newContext();
        PairSocket receiver = context.createPair();
        String endpoint = receiver.bind("tcp://127.0.0.1:*");
        try (FaultyRelay relay = FaultyRelay.towards(endpoint)) {
            PairSocket sender = context.createPair();
            sender.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(20));
            MonitorEvents events = new MonitorEvents();
            sender.monitor(events);
            sender.connect(relay.endpoint());
            sendSeries(sender, "a", 100);
            List<String> received = new ArrayList<>(receiveThrough(receiver, "a-99"));
            sendSeries(sender, "b", 300);
            relay.stall();
            assertEquals(1, relay.reset());
            events.awaitEvent(DISCONNECTED, TIMEOUT);
            MonitorEvents receiverEvents = new MonitorEvents();
            receiver.monitor(receiverEvents);
            sendSeries(sender, "c", 100);
            relay.resume();
            // before reading: the receiver still holds the old connection's "b" messages when the sender's
            // next connection arrives; either that connection is closed before its handshake, or (as libzmq
            // does it) the sender's handshake succeeds and it writes its queue into a connection about to be
            // refused: then its queue empties
            await().atMost(TIMEOUT).until(() -> receiverEvents.count(DISCONNECTED) > 0
                    || sender.statistics().peers().get(0).queuedOut() == 0);
            received.addAll(receiveThrough(receiver, "c-99"));
            sendSeries(sender, "d", 10);
            received.addAll(receiveThrough(receiver, "d-9"));

            assertInOrderWithoutDuplicates(only(received, "a", "c", "d"), "a", "c", "d");
            assertTwoConnectionsInOrderWithoutDuplicates(only(received, "b"), "b");
            assertEquals(100, count(received, "c"), "a message queued while the peer was away was lost");
            assertEquals(10, count(received, "d"));
        }
    }

    @Test
    void aPublisherCountsEveryMessageItDropsForAStalledSubscriber() throws Exception {
        Context context = newContext();
        PubSocket pub = context.createPub();
        pub.set(SocketOptions.SEND_HWM, 20);
        String endpoint = pub.bind("tcp://127.0.0.1:*");
        try (FaultyRelay relay = FaultyRelay.towards(endpoint)) {
            SubSocket sub = context.createSub();
            sub.set(SocketOptions.RECEIVE_HWM, 20);
            MonitorEvents events = new MonitorEvents();
            sub.monitor(events);
            sub.subscribe(new byte[0]);
            sub.connect(relay.endpoint());
            List<String> received = new ArrayList<>(warmUp(pub, sub));

            relay.stall();
            byte[] payload = new byte[16 * 1024];
            int published = 2000;
            for (int i = 0; i < published; i++) {
                pub.send(Message.of(Frame.wrap(payload), Frame.of("p-" + i)));
            }
            assertTrue(pub.publisherStatistics().messagesDropped() > 0, "32 MB fitted in a stalled path");
            relay.resume();
            await().atMost(TIMEOUT).until(() -> pub.publisherStatistics().peers().get(0).queueDepth() == 0);
            pub.send(Message.of("z-0"));
            received.addAll(receiveThrough(sub, "z-0"));

            PublisherStatistics.Peer peer = pub.publisherStatistics().peers().get(0);
            assertInOrderWithoutDuplicates(received, "w", "p", "z");
            assertEquals(peer.messagesSent(), received.size(), "queued for the subscriber but not received");
            assertEquals(published, count(received, "p") + peer.messagesDropped(), "a drop was not counted");

            // a reset loses what was in flight, uncounted; the subscriber reconnects and subscribes again
            relay.reset();
            events.awaitCount(HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            assertTrue(warmUp(pub, sub).size() > 0);
        }
    }

    /** Publishes "w-i" until the subscriber, whose subscription travels to the publisher, receives one. */
    private static List<String> warmUp(PubSocket pub, SubSocket sub) {
        List<String> received = new ArrayList<>();
        int[] next = {0};
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> {
            pub.send(Message.of("w-" + next[0]++));
            sub.tryReceive().ifPresent(message -> received.add(message.string(0)));
            return !received.isEmpty();
        });
        return received;
    }

    @Test
    void aStallWithoutHeartbeatsGoesUnnoticedAndLosesNothing() throws Exception {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind("tcp://127.0.0.1:*");
        try (FaultyRelay relay = FaultyRelay.towards(endpoint)) {
            PushSocket push = context.createPush();
            MonitorEvents events = new MonitorEvents();
            push.monitor(events);
            push.connect(relay.endpoint());
            events.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
            relay.stall();
            sendSeries(push, "s", 200);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> events.count(DISCONNECTED) == 0 && pull.tryReceive().isEmpty());
            relay.resume();
            List<String> received = receiveThrough(pull, "s-199");
            assertEquals(200, received.size());
            assertInOrderWithoutDuplicates(received, "s");
        }
    }
}
