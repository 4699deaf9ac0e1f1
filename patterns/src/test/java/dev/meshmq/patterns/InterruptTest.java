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

    /** Receives one message from each of the peers a and b, numbered {@code index - 1}, in any order. */
    private static void expectTags(PullSocket pull, int index) {
        String first = pull.receive(TIMEOUT).orElseThrow().string(0);
        String second = pull.receive(TIMEOUT).orElseThrow().string(0);
        assertEquals(java.util.Set.of("a-" + (index - 1), "b-" + (index - 1)), java.util.Set.of(first, second));
    }
}
