package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.MeshInterruptedException;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Interrupting a blocked call ends it with MeshInterruptedException and leaves the socket working. */
class InterruptTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void interruptedReceiveEndsAndTheSocketKeepsAllItsConnections(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket viaBind = context.createPush();
        PushSocket viaConnect = context.createPush();
        viaBind.connect(pull.bind(Endpoints.fresh(transport)));
        pull.connect(viaConnect.bind(Endpoints.fresh(transport)));
        // both connections up before the interrupt
        assertTrue(viaBind.send(numbered("a", 0), TIMEOUT));
        assertTrue(viaConnect.send(numbered("b", 0), TIMEOUT));
        expectTags(pull, 1);

        Worker<Object> receiver = background("blocked-receive", () -> pull.receive(TIMEOUT));
        receiver.awaitBlocked();
        receiver.thread().interrupt();
        Throwable failure = receiver.failure(TIMEOUT);
        assertInstanceOf(MeshInterruptedException.class, failure);
        assertTrue(receiver.wasInterruptedAtEnd(), "the interrupt flag must stay set");

        Worker<Boolean> again = background("after-interrupt", () -> {
            assertTrue(viaBind.send(numbered("a", 1), TIMEOUT));
            assertTrue(viaConnect.send(numbered("b", 1), TIMEOUT));
            expectTags(pull, 2);
            return true;
        });
        assertTrue(again.value(TIMEOUT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void interruptedSendAtHighWaterMarkEndsWithoutSendingAndTheSocketKeepsWorking(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        pull.set(SocketOptions.RECEIVE_HWM, 5);
        push.set(SocketOptions.SEND_HWM, 5);
        push.connect(pull.bind(Endpoints.fresh(transport)));
        byte[] payload = new byte[128 * 1024];
        int accepted = fillUntilBlocked(push, "m", 0, payload, 1000);

        Worker<Boolean> sender = background("blocked-send", () -> push.send(numbered("lost", 0), TIMEOUT));
        sender.awaitBlocked();
        sender.thread().interrupt();
        assertInstanceOf(MeshInterruptedException.class, sender.failure(TIMEOUT));
        assertTrue(sender.wasInterruptedAtEnd(), "the interrupt flag must stay set");

        expectInOrder(pull, "m", 0, accepted);
        assertTrue(push.send(numbered("m", accepted), TIMEOUT), "the socket must still send");
        expectInOrder(pull, "m", accepted, 1);
        expectNothing(pull, SHORT);
    }

    /**
     * A small message to an idle connection is written by the sending thread itself; a thread whose interrupt
     * flag is set must not close the channel that way (an interruptible NIO channel closes when a blocking
     * call is interrupted). Each send is made with the flag set, idle connection each time.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ipc", "tcp"})
    void sendsFromAnInterruptedThreadLeaveTheConnectionUp(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        java.util.Queue<dev.meshmq.MonitorEvent> disconnects = new java.util.concurrent.ConcurrentLinkedQueue<>();
        push.monitor(event -> {
            if (event.type() == dev.meshmq.MonitorEventType.DISCONNECTED) {
                disconnects.add(event);
            }
        });
        push.connect(pull.bind(Endpoints.fresh(transport)));
        assertTrue(push.send(numbered("m", 0), TIMEOUT));
        expectInOrder(pull, "m", 0, 1);
        Worker<Integer> interrupted = background("interrupted-sender", () -> {
            int sent = 0;
            for (int i = 1; i <= 20; i++) {
                Thread.currentThread().interrupt();
                try {
                    if (push.send(numbered("m", i), Duration.ZERO)) {
                        sent++;
                    }
                } catch (MeshInterruptedException e) {
                    return -i;
                }
                assertTrue(Thread.interrupted(), "the flag must stay set");
                expectInOrder(pull, "m", i, 1);
            }
            return sent;
        });
        assertEquals(20, interrupted.value(TIMEOUT), "every send with the flag set went");
        assertTrue(disconnects.isEmpty(), "the connection must stay up: " + disconnects);
        assertTrue(push.send(numbered("m", 21), TIMEOUT));
        expectInOrder(pull, "m", 21, 1);
    }

    /** Receives one message from each of the peers a and b, numbered {@code index - 1}, in any order. */
    private static void expectTags(PullSocket pull, int index) {
        String first = pull.receive(TIMEOUT).orElseThrow().string(0);
        String second = pull.receive(TIMEOUT).orElseThrow().string(0);
        assertEquals(java.util.Set.of("a-" + (index - 1), "b-" + (index - 1)), java.util.Set.of(first, second));
    }
}
