package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A classic socket used by a second thread while one is inside it fails fast, without damage. */
class ThreadOwnershipTest extends MeshTestSupport {

    @Test
    void secondReceiverWhileOneIsBlockedGetsIllegalStateException() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        push.connect(pull.bind(Endpoints.fresh("tcp")));
        Worker<Optional<Message>> owner = background("owner", () -> pull.receive(TIMEOUT));
        owner.awaitBlocked();
        assertThrows(IllegalStateException.class, () -> pull.receive(SHORT));
        assertThrows(IllegalStateException.class, pull::tryReceive);

        assertTrue(push.send(numbered("m", 0), TIMEOUT));
        assertEquals("m-0", owner.value(TIMEOUT).orElseThrow().string(0), "the owner is not disturbed");
        assertTrue(push.send(numbered("m", 1), TIMEOUT));
        assertEquals("m-1", pull.receive(TIMEOUT).orElseThrow().string(0), "usable by another thread afterwards");
    }

    @Test
    void secondSenderWhileOneIsBlockedAtHighWaterMarkGetsIllegalStateException() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        push.set(SocketOptions.SEND_HWM, 1);
        pull.set(SocketOptions.RECEIVE_HWM, 1);
        push.connect(pull.bind(Endpoints.fresh("inproc")));
        int accepted = fillUntilBlocked(push, "m", 0, null, 100);
        Worker<Boolean> owner = background("owner", () -> push.send(numbered("m", accepted), TIMEOUT));
        owner.awaitBlocked();
        assertThrows(IllegalStateException.class, () -> push.trySend(numbered("intruder", 0)));

        expectInOrder(pull, "m", 0, accepted + 1);
        assertTrue(owner.value(TIMEOUT));
        expectNothing(pull, SHORT);
    }
}
