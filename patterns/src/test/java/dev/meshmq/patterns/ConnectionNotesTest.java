package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.meshmq.ClientSocket;
import dev.meshmq.Context;
import dev.meshmq.PushSocket;
import dev.meshmq.PullSocket;
import dev.meshmq.DealerSocket;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.RouterNotify;
import dev.meshmq.RouterSocket;
import dev.meshmq.ServerSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HELLO_MSG, DISCONNECT_MSG, HICCUP_MSG and ROUTER_NOTIFY, after libzmq's test_hello_msg,
 * test_disconnect_msg, test_hiccup_msg and test_router_notify.
 */
class ConnectionNotesTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void aBoundRouterGreetsEachNewDealerWithItsHello(String transport) {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        router.set(SocketOptions.HELLO_MSG, Frame.of("H"));
        String endpoint = router.bind(Endpoints.fresh(transport));
        DealerSocket first = context.createDealer();
        first.connect(endpoint);
        DealerSocket second = context.createDealer();
        second.connect(endpoint);
        // the ROUTER's owner meets its new peers while it waits here, and queues the hello for each
        assertFalse(router.receive(SHORT).isPresent());
        assertEquals("H", first.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals("H", second.receive(TIMEOUT).orElseThrow().string(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void aConnectingDealerSaysHelloAgainAfterEachReconnect(String transport) {
        Context context = newContext();
        DealerSocket dealer = context.createDealer();
        dealer.set(SocketOptions.HELLO_MSG, Frame.of("hello"));
        dealer.set(SocketOptions.ROUTING_ID, "d".getBytes(StandardCharsets.UTF_8));
        String endpoint = concreteEndpoint(transport);
        RouterSocket router = context.createRouter();
        router.bind(endpoint);
        dealer.connect(endpoint);
        assertFalse(dealer.receive(SHORT).isPresent());
        assertEquals(List.of("d", "hello"), strings(router.receive(TIMEOUT).orElseThrow()));
        router.close();
        RouterSocket again = context.createRouter();
        again.bind(endpoint);
        awaitReceive(dealer, again, List.of("d", "hello"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void aServerReceivesItsDisconnectMessageWhenAClientGoes(String transport) {
        Context context = newContext();
        ServerSocket server = context.createServer();
        server.set(SocketOptions.DISCONNECT_MSG, Frame.of("D"));
        String endpoint = server.bind(Endpoints.fresh(transport));
        ClientSocket client = context.createClient();
        client.set(SocketOptions.HELLO_MSG, Frame.of("H"));
        client.connect(endpoint);
        assertFalse(client.receive(SHORT).isPresent());
        Message hello = server.receive(TIMEOUT).orElseThrow();
        assertEquals("H", hello.string(0));
        client.close();
        Message gone = server.receive(TIMEOUT).orElseThrow();
        assertEquals("D", gone.string(0));
        assertEquals(hello.routingId(), gone.routingId(), "the note comes from the peer that left");
    }

    @Test
    void overInprocTheDisconnectMessageFollowsWhatTheLeavingPeerSentAndOnlyTheBoundSideGetsOne() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.set(SocketOptions.DISCONNECT_MSG, Frame.of("gone"));
        String endpoint = pull.bind(Endpoints.fresh("inproc"));
        PushSocket push = context.createPush();
        push.connect(endpoint);
        push.send(Message.of("one"));
        push.send(Message.of("two"));
        push.close();
        assertEquals("one", pull.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals("two", pull.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals("gone", pull.receive(TIMEOUT).orElseThrow().string(0));
        assertFalse(pull.receive(SHORT).isPresent(), "one note per peer that left");

        PushSocket bound = context.createPush();
        String other = bound.bind(Endpoints.fresh("inproc"));
        PullSocket connecting = context.createPull();
        connecting.set(SocketOptions.DISCONNECT_MSG, Frame.of("not for a connect"));
        connecting.connect(other);
        bound.send(Message.of("m"));
        assertEquals("m", connecting.receive(TIMEOUT).orElseThrow().string(0));
        bound.close();
        assertFalse(connecting.receive(SHORT).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void aClientHearsItsHiccupWhenTheServerGoesAndItWillReconnect(String transport) {
        Context context = newContext();
        ServerSocket server = context.createServer();
        String endpoint = server.bind(Endpoints.fresh(transport));
        ClientSocket client = context.createClient();
        client.set(SocketOptions.HELLO_MSG, Frame.of("HELLO"));
        client.set(SocketOptions.HICCUP_MSG, Frame.of("HICCUP"));
        client.connect(endpoint);
        assertFalse(client.receive(SHORT).isPresent());
        assertEquals("HELLO", server.receive(TIMEOUT).orElseThrow().string(0));
        server.close();
        assertEquals("HICCUP", client.receive(TIMEOUT).orElseThrow().string(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void aRouterIsNotifiedOfConnectsAndDisconnectsOnBothSides(String transport) {
        Context context = newContext();
        RouterSocket bound = context.createRouter();
        bound.set(SocketOptions.ROUTER_NOTIFY, RouterNotify.CONNECT_AND_DISCONNECT);
        String endpoint = bound.bind(Endpoints.fresh(transport));
        DealerSocket dealer = context.createDealer();
        dealer.set(SocketOptions.ROUTING_ID, "peer-1".getBytes(StandardCharsets.UTF_8));
        dealer.connect(endpoint);
        assertEquals(List.of("peer-1", ""), strings(bound.receive(TIMEOUT).orElseThrow()));
        dealer.send(Message.of("data"));
        assertEquals(List.of("peer-1", "data"), strings(bound.receive(TIMEOUT).orElseThrow()));
        dealer.close();
        assertEquals(List.of("peer-1", ""), strings(bound.receive(TIMEOUT).orElseThrow()));

        RouterSocket connecting = context.createRouter();
        connecting.set(SocketOptions.ROUTER_NOTIFY, RouterNotify.CONNECT);
        DealerSocket server = context.createDealer();
        server.set(SocketOptions.ROUTING_ID, "srv".getBytes(StandardCharsets.UTF_8));
        String other = server.bind(Endpoints.fresh(transport));
        connecting.connect(other);
        assertEquals(List.of("srv", ""), strings(connecting.receive(TIMEOUT).orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void withoutRouterNotifyTheFirstMessageIsThePeers(String transport) {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        String endpoint = router.bind(Endpoints.fresh(transport));
        DealerSocket dealer = context.createDealer();
        dealer.connect(endpoint);
        dealer.send(Message.of("first"));
        Message received = router.receive(TIMEOUT).orElseThrow();
        assertEquals("first", received.string(1));
        dealer.close();
        assertFalse(router.receive(QUIET).isPresent(), "no disconnect note without ROUTER_NOTIFY");
    }

    private void awaitReceive(DealerSocket dealer, RouterSocket router, List<String> expected) {
        // the dealer's owner must call in to meet the reconnected peer and queue its hello again
        for (long deadline = System.nanoTime() + TIMEOUT.toNanos(); System.nanoTime() < deadline;) {
            dealer.receive(SHORT);
            var message = router.receive(SHORT);
            if (message.isPresent()) {
                assertEquals(expected, strings(message.get()));
                return;
            }
        }
        throw new AssertionError("no hello after the reconnect");
    }

    private static List<String> strings(Message message) {
        return message.frames().stream().map(Frame::asString).toList();
    }
}
