package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import dev.meshmq.Context;
import dev.meshmq.DealerSocket;
import dev.meshmq.HostUnreachableException;
import dev.meshmq.Message;
import dev.meshmq.PushSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DEALER and ROUTER: routing ids, mandatory routing, hand-over, probes, counted drops. */
class RouterDealerTest extends MeshTestSupport {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void routerGivesAnonymousPeersFiveByteAutomaticIdsAndRoutesRepliesByThem(String transport) {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        DealerSocket first = context.createDealer();
        DealerSocket second = context.createDealer();
        String endpoint = router.bind(Endpoints.fresh(transport));
        first.connect(endpoint);
        second.connect(endpoint);
        first.send("from first");
        second.send("from second");
        for (int i = 0; i < 2; i++) {
            Message message = router.receive(TIMEOUT).orElseThrow();
            assertEquals(5, message.frame(0).size(), "automatic id length");
            assertEquals(0, message.frame(0).byteAt(0), "automatic ids start with a zero byte");
            router.send(Message.of(message.frame(0), dev.meshmq.Frame.of("reply to " + message.string(1))));
        }
        assertEquals("reply to from first", first.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals("reply to from second", second.receive(TIMEOUT).orElseThrow().string(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void routerUsesThePeersExplicitRoutingId(String transport) {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        DealerSocket dealer = context.createDealer();
        dealer.set(SocketOptions.ROUTING_ID, bytes("worker-7"));
        dealer.connect(router.bind(Endpoints.fresh(transport)));
        dealer.send(Message.of("ready"));
        assertEquals(Message.of("worker-7", "ready"), router.receive(TIMEOUT).orElseThrow());
        router.send(Message.of("worker-7", "job"));
        assertEquals(Message.of("job"), dealer.receive(TIMEOUT).orElseThrow());
    }

    @Test
    void unroutableMessagesAreDroppedAndCountedOrRejectedWhenMandatory() {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        router.bind(Endpoints.fresh("inproc"));
        assertTrue(router.trySend(Message.of("nobody", "lost")));
        assertEquals(1, router.statistics().droppedUnroutable());
        router.set(SocketOptions.ROUTER_MANDATORY, true);
        HostUnreachableException error = assertThrows(HostUnreachableException.class,
                () -> router.send(Message.of("nobody", "lost")));
        assertTrue(error.getMessage().contains("'nobody'"), error.getMessage());
        assertEquals(1, router.statistics().droppedUnroutable());
    }

    @Test
    void mandatoryRouterWaitsAtTheHighWaterMarkInsteadOfDropping() {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        router.set(SocketOptions.ROUTER_MANDATORY, true);
        router.set(SocketOptions.SEND_HWM, 5);
        DealerSocket dealer = context.createDealer();
        dealer.set(SocketOptions.RECEIVE_HWM, 5);
        dealer.set(SocketOptions.ROUTING_ID, bytes("slow"));
        dealer.connect(router.bind(Endpoints.fresh("inproc")));
        dealer.send("hello");
        router.receive(TIMEOUT).orElseThrow();
        int accepted = 0;
        while (router.trySend(Message.of("slow", "m" + accepted))) {
            accepted++;
        }
        assertEquals(10, accepted, "inproc: SEND_HWM + RECEIVE_HWM");
        assertEquals(0, router.statistics().droppedAtHwm());
        assertFalse(router.trySend(Message.of("slow", "refused")), "still at the high-water mark");
        // As in libzmq, a full pipe takes messages again once the reader has drained it to the low-water
        // mark (half the high-water mark), not after every single read.
        for (int read = 0; read < 5; read++) {
            dealer.receive(TIMEOUT).orElseThrow();
        }
        await().atMost(TIMEOUT).until(() -> router.trySend(Message.of("slow", "after")));
    }

    @Test
    void withoutMandatoryAFullPeerMeansCountedDrops() {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        router.set(SocketOptions.SEND_HWM, 5);
        DealerSocket dealer = context.createDealer();
        dealer.set(SocketOptions.RECEIVE_HWM, 5);
        dealer.set(SocketOptions.ROUTING_ID, bytes("slow"));
        dealer.connect(router.bind(Endpoints.fresh("inproc")));
        dealer.send("hello");
        router.receive(TIMEOUT).orElseThrow();
        for (int i = 0; i < 15; i++) {
            assertTrue(router.trySend(Message.of("slow", "m" + i)), "a ROUTER never blocks without MANDATORY");
        }
        assertEquals(5, router.statistics().droppedAtHwm());
        assertEquals(15, router.statistics().messagesSent());
    }

    @Test
    void aSecondPeerWithTheSameIdIsIgnoredUnlessHandoverIsOn() {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        String endpoint = router.bind(Endpoints.fresh("tcp"));
        DealerSocket original = context.createDealer();
        original.set(SocketOptions.ROUTING_ID, bytes("twin"));
        original.connect(endpoint);
        original.send("original");
        assertEquals(Message.of("twin", "original"), router.receive(TIMEOUT).orElseThrow());
        DealerSocket impostor = context.createDealer();
        impostor.set(SocketOptions.ROUTING_ID, bytes("twin"));
        impostor.connect(endpoint);
        impostor.send("impostor");
        assertFalse(router.receive(QUIET).isPresent(), "the newcomer is ignored");
        router.send(Message.of("twin", "to the original"));
        assertEquals("to the original", original.receive(TIMEOUT).orElseThrow().string(0));
    }

    @Test
    void handoverGivesTheIdToTheNewcomer() {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        router.set(SocketOptions.ROUTER_HANDOVER, true);
        String endpoint = router.bind(Endpoints.fresh("tcp"));
        DealerSocket original = context.createDealer();
        original.set(SocketOptions.ROUTING_ID, bytes("twin"));
        original.connect(endpoint);
        original.send("original");
        assertEquals(Message.of("twin", "original"), router.receive(TIMEOUT).orElseThrow());
        DealerSocket newcomer = context.createDealer();
        newcomer.set(SocketOptions.ROUTING_ID, bytes("twin"));
        newcomer.connect(endpoint);
        newcomer.send("newcomer");
        assertEquals(Message.of("twin", "newcomer"), router.receive(TIMEOUT).orElseThrow());
        router.send(Message.of("twin", "to the newcomer"));
        assertEquals("to the newcomer", newcomer.receive(TIMEOUT).orElseThrow().string(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void routerToRouterWithConnectRoutingIdAndProbe(String transport) {
        Context context = newContext();
        RouterSocket server = context.createRouter();
        server.set(SocketOptions.ROUTING_ID, bytes("server"));
        RouterSocket client = context.createRouter();
        client.set(SocketOptions.ROUTING_ID, bytes("client"));
        client.set(SocketOptions.PROBE_ROUTER, true);
        client.set(SocketOptions.CONNECT_ROUTING_ID, bytes("my-server"));
        client.connect(server.bind(Endpoints.fresh(transport)));
        assertEquals(Message.of("client", ""), server.receive(TIMEOUT).orElseThrow(), "the probe names the client");
        server.send(Message.of("client", "hello client"));
        assertEquals(Message.of("my-server", "hello client"), client.receive(TIMEOUT).orElseThrow());
        client.send(Message.of("my-server", "hello server"));
        assertEquals(Message.of("client", "hello server"), server.receive(TIMEOUT).orElseThrow());
    }

    @Test
    void optionsOfOtherSocketTypesAreRejectedAndChangeNothing() {
        Context context = newContext();
        PushSocket push = context.createPush();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> push.set(SocketOptions.ROUTER_MANDATORY, true));
        assertTrue(error.getMessage().contains("ROUTER_MANDATORY") && error.getMessage().contains("PUSH"));
        DealerSocket dealer = context.createDealer();
        assertThrows(IllegalArgumentException.class, () -> dealer.set(SocketOptions.ROUTING_ID, new byte[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> dealer.set(SocketOptions.ROUTING_ID, new byte[256]));
        assertEquals(0, dealer.get(SocketOptions.ROUTING_ID).length);
    }
}
