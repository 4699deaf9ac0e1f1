package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.ContextClosedException;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketClosedException;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Closing sockets and contexts ends blocked calls, honours LINGER, and is idempotent. */
class CloseTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void contextCloseEndsABlockedReceiveWithContextClosedException(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        push.connect(pull.bind(Endpoints.fresh(transport)));
        Worker<Object> receiver = background("blocked-receive", () -> pull.receive(TIMEOUT));
        receiver.awaitBlocked();
        long start = System.nanoTime();
        context.close();
        assertInstanceOf(ContextClosedException.class, receiver.failure(Duration.ofSeconds(1)));
        assertTrue(elapsed(start).compareTo(Duration.ofMillis(2500)) < 0, "context close took " + elapsed(start));
        assertTrue(pull.isClosed());
        assertThrows(ContextClosedException.class, context::createPull);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void socketCloseFromAnotherThreadEndsABlockedReceiveWithSocketClosedException(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        push.connect(pull.bind(Endpoints.fresh(transport)));
        Worker<Object> receiver = background("blocked-receive", () -> pull.receive(TIMEOUT));
        receiver.awaitBlocked();
        pull.close();
        assertInstanceOf(SocketClosedException.class, receiver.failure(Duration.ofSeconds(1)));
    }

    @Test
    void operationsAfterCloseThrowSocketClosedExceptionAndCloseIsIdempotent() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        String endpoint = pull.bind(Endpoints.fresh("tcp"));
        push.close();
        pull.close();
        assertDoesNotThrow(pull::close);
        assertTrue(pull.isClosed());
        assertThrows(SocketClosedException.class, () -> push.send(numbered("m", 0)));
        assertThrows(SocketClosedException.class, () -> push.trySend(numbered("m", 0)));
        assertThrows(SocketClosedException.class, () -> push.connect(endpoint));
        assertThrows(SocketClosedException.class, () -> pull.receive(SHORT));
        assertThrows(SocketClosedException.class, pull::tryReceive);
        assertThrows(SocketClosedException.class, () -> pull.bind(Endpoints.fresh("tcp")));
        assertThrows(SocketClosedException.class, () -> pull.unbind(endpoint));
        assertThrows(SocketClosedException.class, () -> push.disconnect(endpoint));
        assertThrows(SocketClosedException.class, () -> pull.set(SocketOptions.RECEIVE_HWM, 5));
        context.close();
        assertDoesNotThrow(context::close);
        assertTrue(context.isClosed());
        assertThrows(SocketClosedException.class, () -> pull.receive(SHORT),
                "a socket closed before its context stays 'socket closed'");
    }

    @Test
    void contextCloseReturnsWithinLingerWhenThePeerNeverAppears() {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.LINGER, Duration.ofMillis(200));
        push.connect("tcp://127.0.0.1:" + unusedTcpPort());
        for (int i = 0; i < 10; i++) {
            assertTrue(push.trySend(numbered("m", i)));
        }
        long start = System.nanoTime();
        context.close();
        Duration took = elapsed(start);
        assertTrue(took.compareTo(Duration.ofMillis(1200)) < 0, "LINGER 200 ms but context close took " + took);
    }

    @Test
    void contextCloseWithZeroLingerReturnsQuickly() {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.LINGER, Duration.ZERO);
        push.connect("tcp://127.0.0.1:" + unusedTcpPort());
        for (int i = 0; i < 10; i++) {
            assertTrue(push.trySend(numbered("m", i)));
        }
        long start = System.nanoTime();
        context.close();
        Duration took = elapsed(start);
        assertTrue(took.compareTo(Duration.ofMillis(500)) < 0, "LINGER 0 but context close took " + took);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "tcp"})
    void messagesSentRightBeforeCloseAreDeliveredWithinLinger(String transport) {
        Context pullContext = newContext();
        PullSocket pull = pullContext.createPull();
        String endpoint = pull.bind(Endpoints.fresh(transport));
        Context pushContext = newContext();
        PushSocket push = pushContext.createPush();
        push.connect(endpoint);
        for (int i = 0; i < 1000; i++) {
            push.send(numbered("m", i));
        }
        push.close();
        pushContext.close();
        expectInOrder(pull, "m", 0, 1000);
        expectNothing(pull, SHORT);
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
