package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.testsupport.Endpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Connect works before the peer exists; a connecting PUSH reconnects to a restarted peer. */
class ConnectionLifecycleTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void messagesSentBeforeBindAreDeliveredOnceThePeerBinds(String transport) {
        Context context = newContext();
        String endpoint = concreteEndpoint(transport);
        PushSocket push = context.createPush();
        push.connect(endpoint);
        for (int i = 0; i < 20; i++) {
            assertTrue(push.trySend(numbered("early", i)), "connect() must queue before the peer exists");
        }
        PullSocket pull = context.createPull();
        assertEquals(endpoint, pull.bind(endpoint));
        expectInOrder(pull, "early", 0, 20);
        assertTrue(push.send(numbered("late", 0), TIMEOUT));
        expectInOrder(pull, "late", 0, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "tcp"})
    void pushReconnectsWhenThePeerIsRestartedOnTheSameEndpoint(String transport) {
        Context pushContext = newContext();
        Context firstPullContext = newContext();
        PullSocket firstPull = firstPullContext.createPull();
        String endpoint = firstPull.bind(Endpoints.fresh(transport));
        PushSocket push = pushContext.createPush();
        push.connect(endpoint);
        for (int i = 0; i < 10; i++) {
            assertTrue(push.send(numbered("before", i), TIMEOUT));
        }
        expectInOrder(firstPull, "before", 0, 10);

        firstPullContext.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> refusesConnections(endpoint));
        for (int i = 0; i < 10; i++) {
            assertTrue(push.trySend(numbered("away", i)), "the connect-side queue must take messages");
        }

        PullSocket secondPull = newContext().createPull();
        assertEquals(endpoint, secondPull.bind(endpoint), "rebinding the explicit endpoint");
        expectInOrder(secondPull, "away", 0, 10);
        for (int i = 0; i < 10; i++) {
            assertTrue(push.send(numbered("after", i), TIMEOUT));
        }
        expectInOrder(secondPull, "after", 0, 10);
        Optional<Message> extra = secondPull.receive(SHORT);
        assertTrue(extra.isEmpty(), () -> "duplicate or stray message " + extra.get().string(0));
    }

    private static boolean refusesConnections(String endpoint) {
        try (SocketChannel probe = endpoint.startsWith("tcp://")
                ? SocketChannel.open(tcpAddress(endpoint))
                : SocketChannel.open(java.net.UnixDomainSocketAddress.of(endpoint.substring("ipc://".length())))) {
            return !probe.isConnected();
        } catch (IOException refused) {
            return true;
        }
    }

    private static InetSocketAddress tcpAddress(String endpoint) {
        String address = endpoint.substring("tcp://".length());
        int colon = address.lastIndexOf(':');
        return new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }
}
