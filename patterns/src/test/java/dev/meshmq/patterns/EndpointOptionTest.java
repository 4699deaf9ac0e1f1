package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.AddressInUseException;
import dev.meshmq.Context;
import dev.meshmq.EndpointNotFoundException;
import dev.meshmq.InvalidEndpointException;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOption;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Endpoint parsing and binding errors, unbind/disconnect, ipc files, wildcards, IPv6, option validation. */
class EndpointOptionTest extends MeshTestSupport {

    private static final String LONG_IPC = "ipc:///tmp/" + "x".repeat(120) + ".sock";

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:5555", "udp://127.0.0.1", "tcp://127.0.0.1:99999",
        "tcp://127.0.0.1:port", "tcp://127.0.0.1", "tcp://127.0.0.1:", "ipc://@abstract", "tcp://"})
    void badEndpointsAreRejectedNamingTheEndpoint(String endpoint) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        InvalidEndpointException onBind = assertThrows(InvalidEndpointException.class, () -> pull.bind(endpoint));
        assertTrue(onBind.getMessage().contains(endpoint), onBind.getMessage());
        InvalidEndpointException onConnect =
                assertThrows(InvalidEndpointException.class, () -> push.connect(endpoint));
        assertTrue(onConnect.getMessage().contains(endpoint), onConnect.getMessage());
    }

    @Test
    void ipcPathLongerThan107BytesIsRejectedNamingTheEndpoint() {
        badEndpointsAreRejectedNamingTheEndpoint(LONG_IPC);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void bindingAnEndpointInUseFailsWithAddressInUse(String transport) {
        Context context = newContext();
        String endpoint = context.createPull().bind(Endpoints.fresh(transport));
        PullSocket second = context.createPull();
        AddressInUseException failure = assertThrows(AddressInUseException.class, () -> second.bind(endpoint));
        assertTrue(failure.getMessage().contains(endpoint), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void unbindAndDisconnectOfUnknownEndpointsFail(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String other = concreteEndpoint(transport);
        assertThrows(EndpointNotFoundException.class, () -> pull.unbind(other));
        assertThrows(EndpointNotFoundException.class, () -> pull.disconnect(other));
        String bound = pull.bind(Endpoints.fresh(transport));
        assertThrows(EndpointNotFoundException.class, () -> pull.disconnect(bound), "bound, not connected");
        pull.unbind(bound);
        assertThrows(EndpointNotFoundException.class, () -> pull.unbind(bound), "already unbound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void afterUnbindTheEndpointCanBeBoundAgain(String transport) {
        Context context = newContext();
        PullSocket first = context.createPull();
        String endpoint = first.bind(Endpoints.fresh(transport));
        first.unbind(endpoint);
        PullSocket second = context.createPull();
        assertEquals(endpoint, second.bind(endpoint));
        PushSocket push = context.createPush();
        push.connect(endpoint);
        assertTrue(push.send(numbered("m", 0), TIMEOUT));
        expectInOrder(second, "m", 0, 1);
    }

    @Test
    void staleIpcSocketFileDoesNotBlockBind() throws IOException {
        String endpoint = Endpoints.fresh("ipc");
        Path path = Path.of(endpoint.substring("ipc://".length()));
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path), "the JDK leaves the socket file behind");
        try {
            Context context = newContext();
            PullSocket pull = context.createPull();
            assertEquals(endpoint, pull.bind(endpoint));
            PushSocket push = context.createPush();
            push.connect(endpoint);
            assertTrue(push.send(numbered("m", 0), TIMEOUT));
            expectInOrder(pull, "m", 0, 1);
        } finally {
            Files.deleteIfExists(path);
        }
    }

    @Test
    void ipcSocketFileIsRemovedAfterUnbindAndAfterClose() {
        Context context = newContext();
        PullSocket unbound = context.createPull();
        String first = unbound.bind(Endpoints.fresh("ipc"));
        Path firstPath = Path.of(first.substring("ipc://".length()));
        assertTrue(Files.exists(firstPath));
        unbound.unbind(first);
        await().atMost(Duration.ofSeconds(2)).until(() -> !Files.exists(firstPath));

        PullSocket closed = context.createPull();
        String second = closed.bind(Endpoints.fresh("ipc"));
        Path secondPath = Path.of(second.substring("ipc://".length()));
        assertTrue(Files.exists(secondPath));
        closed.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> !Files.exists(secondPath));
    }

    @Test
    void ipv6LoopbackWorksWhereTheHostHasIt() throws IOException {
        Assumptions.assumeTrue(hasIpv6Loopback(), "this host has no ::1");
        Context context = newContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind("tcp://[::1]:*");
        Matcher matcher = Pattern.compile("tcp://\\[(.+)]:(\\d+)").matcher(endpoint);
        assertTrue(matcher.matches(), endpoint);
        assertEquals(InetAddress.getByName("::1"), InetAddress.getByName(matcher.group(1)), endpoint);
        PushSocket push = context.createPush();
        push.connect(endpoint);
        assertTrue(push.send(numbered("m", 0), TIMEOUT));
        expectInOrder(pull, "m", 0, 1);
    }

    @Test
    void ipv6LastEndpointIsWrittenInShortFormAsLibzmqDoes() {
        Assumptions.assumeTrue(hasIpv6Loopback(), "this host has no ::1");
        PullSocket pull = newContext().createPull();
        String endpoint = pull.bind("tcp://[::1]:*");
        assertTrue(endpoint.matches("tcp://\\[::1]:\\d+"), "expected tcp://[::1]:port, got " + endpoint);
    }

    private static boolean hasIpv6Loopback() {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Test
    void wildcardHostAndPortBindAndLastEndpointShowsThePort() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String resolved = pull.bind("tcp://*:*");
        assertEquals(resolved, pull.lastEndpoint());
        Matcher matcher = Pattern.compile("tcp://.+:(\\d+)").matcher(resolved);
        assertTrue(matcher.matches(), resolved);
        int port = Integer.parseInt(matcher.group(1));
        assertNotEquals(0, port);
        PushSocket push = context.createPush();
        push.connect("tcp://127.0.0.1:" + port);
        assertTrue(push.send(numbered("m", 0), TIMEOUT));
        expectInOrder(pull, "m", 0, 1);
    }

    @Test
    void invalidOptionValuesAreRejectedAndKeepTheOldValue() {
        Context context = newContext();
        PushSocket push = context.createPush();
        rejectKeepingOld(push, SocketOptions.SEND_HWM, 7, -1);
        rejectKeepingOld(push, SocketOptions.RECEIVE_HWM, 8, -1);
        rejectKeepingOld(push, SocketOptions.LINGER, Duration.ofMillis(300), null);   // a negative one lingers forever
        rejectKeepingOld(push, SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(250), Duration.ZERO);
    }

    @Test
    void optionsHaveLibzmqDefaultsExceptLinger() {
        PushSocket push = newContext().createPush();
        assertEquals(1000, push.get(SocketOptions.SEND_HWM));
        assertEquals(1000, push.get(SocketOptions.RECEIVE_HWM));
        assertEquals(Duration.ofMillis(100), push.get(SocketOptions.RECONNECT_INTERVAL));
        assertEquals(Duration.ofSeconds(2), push.get(SocketOptions.LINGER));
        assertEquals("", push.lastEndpoint());
    }

    private static <T> void rejectKeepingOld(PushSocket socket, SocketOption<T> option, T good, T bad) {
        socket.set(option, good);
        IllegalArgumentException failure =
                assertThrows(IllegalArgumentException.class, () -> socket.set(option, bad));
        assertTrue(failure.getMessage().contains(option.name()), failure.getMessage());
        assertEquals(good, socket.get(option), option + " changed although the value was rejected");
    }
}
