package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DealerSocket;
import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.MonitorEvents;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** IMMEDIATE: messages are queued only to peers whose connection is complete. */
class ImmediateTest extends MeshTestSupport {

    @Test
    void aPushWhosePeerIsNotThereDoesNotQueue() {
        Context context = newContext();
        PushSocket immediate = context.createPush();
        immediate.set(SocketOptions.IMMEDIATE, true);
        immediate.connect("tcp://127.0.0.1:" + unusedTcpPort());
        assertFalse(immediate.trySend(Message.of("nowhere")), "no completed connection: nothing to queue to");

        PushSocket queueing = context.createPush();
        queueing.connect("tcp://127.0.0.1:" + unusedTcpPort());
        assertTrue(queueing.trySend(Message.of("queued")), "without IMMEDIATE the connect's queue takes it");
    }

    @Test
    void anInprocConnectBeforeItsBindJoinsOnceTheBindComes() {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.IMMEDIATE, true);
        String endpoint = dev.meshmq.testsupport.Endpoints.fresh("inproc");
        push.connect(endpoint);
        assertFalse(push.trySend(Message.of("too early")), "no peer yet");
        PullSocket pull = context.createPull();
        pull.bind(endpoint);
        assertTrue(push.send(Message.of("now"), TIMEOUT));
        assertEquals("now", pull.receive(TIMEOUT).orElseThrow().string(0));
    }

    @Test
    void aDealerSendsOnlyToItsConnectedPeer() {
        assertEquals(10, deliveredToTheLivePeer(true));
        assertEquals(5, deliveredToTheLivePeer(false), "without IMMEDIATE half wait for the dead endpoint");
    }

    private int deliveredToTheLivePeer(boolean immediate) {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        String live = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer = context.createDealer();
        dealer.set(SocketOptions.IMMEDIATE, immediate);
        MonitorEvents events = new MonitorEvents();
        dealer.monitor(events);
        dealer.connect("tcp://127.0.0.1:" + unusedTcpPort());
        dealer.connect(live);
        events.awaitEvent(MonitorEventType.HANDSHAKE_SUCCEEDED, TIMEOUT);
        dealer.receive(SHORT); // the owner handles the new peer
        for (int i = 0; i < 10; i++) {
            assertTrue(dealer.send(Message.of("m" + i), TIMEOUT));
        }
        int delivered = 0;
        while (router.receive(QUIET).isPresent()) {
            delivered++;
        }
        return delivered;
    }

    @Test
    void aPeerThatDisconnectsLeavesTheRotationAndComesBackWhenItReconnects() {
        Context context = newContext();
        PullSocket stays = context.createPull();
        String first = stays.bind("tcp://127.0.0.1:*");
        PullSocket leaves = context.createPull();
        String second = leaves.bind("tcp://127.0.0.1:*");
        PushSocket push = context.createPush();
        push.set(SocketOptions.IMMEDIATE, true);
        push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(20));
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        push.connect(first);
        push.connect(second);
        events.awaitCount(MonitorEventType.HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
        leaves.close();
        // CONNECT_RETRIED follows the socket's notice that the connection is down
        events.awaitEvent(MonitorEventType.CONNECT_RETRIED, TIMEOUT);
        for (int i = 0; i < 10; i++) {
            assertTrue(push.send(Message.of("m" + i), TIMEOUT));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals("m" + i, stays.receive(TIMEOUT).orElseThrow().string(0));
        }

        PullSocket back = context.createPull();
        back.bind(second);
        events.awaitCount(MonitorEventType.HANDSHAKE_SUCCEEDED, 3, TIMEOUT);
        push.trySend(Message.of("handles the reconnect")); // may go either way
        for (int i = 0; i < 10; i++) {
            assertTrue(push.send(Message.of("n" + i), TIMEOUT));
        }
        assertTrue(back.receive(TIMEOUT).isPresent(), "the reconnected peer is in the rotation again");
    }
}
