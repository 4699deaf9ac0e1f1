package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DealerSocket;
import dev.meshmq.Message;
import dev.meshmq.PubSocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import dev.meshmq.testsupport.Endpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CONFLATE on PUSH, PULL, DEALER and PUB, as in libzmq (test_conflate; libzmq 4.3.4 verified: a
 * conflating PUSH that connects over inproc, and a conflating PULL over tcp, deliver only the last of
 * five messages). Queues towards peers conflate on PUSH, DEALER and PUB, queues from peers on PULL,
 * DEALER and SUB; a multipart message is kept whole.
 */
class ConflateTest extends MeshTestSupport {

    private static final int COUNT = 5;

    @ParameterizedTest
    @ValueSource(strings = {"push-binds", "push-connects", "push-connects-before-bind"})
    void aConflatingPushKeepsOnlyTheNewestMessageForAnInprocPeer(String order) {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.CONFLATE, true);
        PullSocket pull = context.createPull();
        String endpoint = Endpoints.fresh("inproc");
        switch (order) {
            case "push-binds" -> {
                push.bind(endpoint);
                pull.connect(endpoint);
            }
            case "push-connects" -> {
                pull.bind(endpoint);
                push.connect(endpoint);
            }
            default -> {
                push.connect(endpoint);
                pull.bind(endpoint);
            }
        }
        sendNumbered(push);
        expectInOrder(pull, "m", COUNT - 1, 1);
        expectNothing(pull, SHORT);
        assertTrue(push.trySend(numbered("m", 9)), "a conflating PUSH never waits");
        expectInOrder(pull, "m", 9, 1);
    }

    /** Over tcp the connection drains a PUSH's queue at once, so conflation shows at a conflating PULL. */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void aConflatingPullKeepsOnlyTheNewestMessage(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.set(SocketOptions.CONFLATE, true);
        PushSocket push = context.createPush();
        push.connect(pull.bind(Endpoints.fresh(transport)));
        sendNumbered(push);
        awaitDelivered(pull, COUNT);
        expectInOrder(pull, "m", COUNT - 1, 1);
        expectNothing(pull, SHORT);
    }

    @Test
    void aConflatingPullKeepsTheNewestMultipartMessageWhole() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.set(SocketOptions.CONFLATE, true);
        PushSocket push = context.createPush();
        push.connect(pull.bind(Endpoints.fresh("tcp")));
        assertTrue(push.send(Message.of("a", "b"), TIMEOUT));
        assertTrue(push.send(Message.of("c", "d", "e"), TIMEOUT));
        await().atMost(TIMEOUT).until(() -> inboundBytes(pull) == 5);
        assertEquals(Message.of("c", "d", "e"), pull.receive(TIMEOUT).orElseThrow());
        expectNothing(pull, SHORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void aConflatingDealerKeepsOnlyTheNewestIncomingMessage(String transport) {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        DealerSocket dealer = context.createDealer();
        dealer.set(SocketOptions.CONFLATE, true);
        dealer.set(SocketOptions.ROUTING_ID, "d".getBytes());
        dealer.connect(router.bind(Endpoints.fresh(transport)));
        assertTrue(dealer.send(Message.of("hello"), TIMEOUT));
        Message hello = router.receive(TIMEOUT).orElseThrow();
        for (int i = 0; i < COUNT; i++) {
            assertTrue(router.send(Message.of(hello.first(), numbered("m", i).first()), TIMEOUT));
        }
        awaitDelivered(dealer, COUNT);
        expectInOrder(dealer, "m", COUNT - 1, 1);
        expectNothing(dealer, SHORT);
    }

    @Test
    void aConflatingDealerKeepsOnlyTheNewestOutgoingMessageForAnInprocPeer() {
        Context context = newContext();
        DealerSocket dealer = context.createDealer();
        dealer.set(SocketOptions.CONFLATE, true);
        DealerSocket peer = context.createDealer();
        dealer.connect(peer.bind(Endpoints.fresh("inproc")));
        sendNumbered(dealer);
        expectInOrder(peer, "m", COUNT - 1, 1);
        expectNothing(peer, SHORT);
    }

    @Test
    void aConflatingPubKeepsOnlyTheNewestMessagePerSubscriberAndDropsNothing() {
        Context context = newContext();
        PubSocket pub = context.createPub();
        pub.set(SocketOptions.CONFLATE, true);
        SubSocket sub = context.createSub();
        sub.connect(pub.bind(Endpoints.fresh("inproc")));
        sub.subscribe("m");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        sendNumbered(pub);
        expectInOrder(sub, "m", COUNT - 1, 1);
        expectNothing(sub, SHORT);
        assertEquals(0, pub.publisherStatistics().messagesDropped(), "a conflating queue never drops");
    }

    private static void sendNumbered(dev.meshmq.MessageSender sender) {
        for (int i = 0; i < COUNT; i++) {
            assertTrue(sender.send(numbered("m", i), TIMEOUT), "send " + i);
        }
    }

    /** Waits until every message ("m-0" .. are 3 bytes each) reached the socket's incoming queue. */
    private static void awaitDelivered(Socket socket, int count) {
        await().atMost(TIMEOUT).until(() -> !socket.statistics().peers().isEmpty()
                && inboundBytes(socket) == 3L * count);
    }

    /** Body bytes received from all peers so far; 0 while no peer is attached yet. */
    private static long inboundBytes(dev.meshmq.Socket socket) {
        return socket.statistics().peers().stream().mapToLong(dev.meshmq.PeerStatistics::bytesIn).sum();
    }
}
