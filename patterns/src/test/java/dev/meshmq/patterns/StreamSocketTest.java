package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.HostUnreachableException;
import dev.meshmq.InvalidEndpointException;
import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.SocketOptions;
import dev.meshmq.StreamSocket;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.MonitorEvents;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** STREAM against plain TCP (and Unix domain socket) clients and servers written with java.net. */
class StreamSocketTest extends MeshTestSupport {

    @Test
    void aPlainTcpClientIsAPeerWithARoutingIdAndConnectDataAndCloseShowUp() throws IOException {
        // fifty times: the disconnect note used to be readable before the connection counted as gone, so a
        // send right after it was queued instead of refused in about one run in forty
        for (int i = 0; i < 50; i++) {
            onePlainTcpClient();
        }
    }

    private void onePlainTcpClient() throws IOException {
        Context context = newContext();
        StreamSocket stream = context.createStream();
        InetSocketAddress address = tcpAddress(stream.bind("tcp://127.0.0.1:*"));
        try (Socket client = new Socket(address.getAddress(), address.getPort())) {
            Message connected = stream.receive(TIMEOUT).orElseThrow();
            Frame id = connected.first();
            assertEquals(5, id.size(), "a libzmq-style id: 5 bytes");
            assertEquals(0, id.byteAt(0));
            assertTrue(connected.frame(1).isEmpty(), "a connect is an empty data frame");
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hello", receiveText(stream, id, 5));
            stream.send(Message.of(id, Frame.of("world")));
            assertEquals("world", readText(client.getInputStream(), 5));
            client.shutdownOutput(); // EOF: the peer is done
            Message gone = stream.receive(TIMEOUT).orElseThrow();
            assertEquals(id, gone.first());
            assertTrue(gone.frame(1).isEmpty(), "a disconnect is an empty data frame");
            assertThrows(HostUnreachableException.class, () -> stream.send(Message.of(id, Frame.of("late"))));
        }
    }

    @Test
    void sendingAnEmptyFrameClosesThatConnectionAfterWhatWasQueued() throws IOException {
        Context context = newContext();
        StreamSocket stream = context.createStream();
        InetSocketAddress address = tcpAddress(stream.bind("tcp://127.0.0.1:*"));
        try (Socket first = new Socket(address.getAddress(), address.getPort());
                Socket second = new Socket(address.getAddress(), address.getPort())) {
            Frame one = stream.receive(TIMEOUT).orElseThrow().first();
            Frame two = stream.receive(TIMEOUT).orElseThrow().first();
            assertNotEquals(one, two, "each connection has its own id");
            stream.send(Message.of(one, Frame.of("last words")));
            stream.send(Message.of(one, Frame.EMPTY));
            assertEquals("last words", readText(first.getInputStream(), 10));
            assertEquals(-1, first.getInputStream().read(), "closed by the STREAM socket");
            assertThrows(HostUnreachableException.class, () -> stream.send(Message.of(one, Frame.of("x"))));
            stream.send(Message.of(two, Frame.of("still here")));
            assertEquals("still here", readText(second.getInputStream(), 10));
            assertFalse(stream.receive(QUIET).isPresent(), "no disconnect note for a connection the socket closed");
        }
    }

    @Test
    void aConnectReachesAPlainTcpServerUnderItsConnectRoutingId() throws IOException {
        Context context = newContext();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StreamSocket stream = context.createStream();
            stream.set(SocketOptions.CONNECT_ROUTING_ID, "srv".getBytes(StandardCharsets.US_ASCII));
            Frame id = Frame.of("srv");
            stream.connect("tcp://127.0.0.1:" + server.getLocalPort());
            stream.send(Message.of(id, Frame.of("GET / HTTP/1.0\r\n\r\n")), TIMEOUT);
            try (Socket accepted = server.accept()) {
                assertEquals(Message.of(id, Frame.EMPTY), stream.receive(TIMEOUT).orElseThrow());
                assertEquals("GET / HTTP/1.0\r\n\r\n", readText(accepted.getInputStream(), 18));
                accepted.getOutputStream().write("HTTP/1.0 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("HTTP/1.0 200 OK\r\n", receiveText(stream, id, 17));
            }
            assertEquals(Message.of(id, Frame.EMPTY), stream.receive(TIMEOUT).orElseThrow(), "the server closed");
        }
    }

    @Test
    void aConnectByHostNameReconnectsUnderTheSameRoutingId() throws IOException {
        Context context = newContext();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StreamSocket stream = context.createStream();
            stream.set(SocketOptions.RECONNECT_INTERVAL, java.time.Duration.ofMillis(20));
            stream.connect("tcp://localhost:" + server.getLocalPort());
            Frame id;
            try (Socket first = server.accept()) {
                Message connected = stream.receive(TIMEOUT).orElseThrow();
                id = connected.first();
                assertTrue(connected.frame(1).isEmpty());
                assertTrue(first.isConnected());
            }
            assertEquals(Message.of(id, Frame.EMPTY), stream.receive(TIMEOUT).orElseThrow(), "the server closed");
            try (Socket second = server.accept()) {
                assertEquals(Message.of(id, Frame.EMPTY), stream.receive(TIMEOUT).orElseThrow(), "reconnected");
                stream.send(Message.of(id, Frame.of("again")));
                assertEquals("again", readText(second.getInputStream(), 5));
            }
        }
    }

    @Test
    void aUnixDomainClientIsAPeerOverIpc() throws IOException {
        Context context = newContext();
        StreamSocket stream = context.createStream();
        String endpoint = stream.bind(Endpoints.fresh("ipc"));
        Path path = Path.of(endpoint.substring("ipc://".length()));
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(path));
            Frame id = stream.receive(TIMEOUT).orElseThrow().first();
            client.write(ByteBuffer.wrap("over ipc".getBytes(StandardCharsets.US_ASCII)));
            assertEquals("over ipc", receiveText(stream, id, 8));
            stream.send(Message.of(id, Frame.of("back")));
            ByteBuffer reply = ByteBuffer.allocate(4);
            while (reply.hasRemaining() && client.read(reply) >= 0) {
                continue;
            }
            assertArrayEquals("back".getBytes(StandardCharsets.US_ASCII), reply.array());
        }
    }

    @Test
    void streamRefusesInprocAndMalformedMessages() {
        Context context = newContext();
        StreamSocket stream = context.createStream();
        assertThrows(InvalidEndpointException.class, () -> stream.bind("inproc://raw"));
        assertThrows(InvalidEndpointException.class, () -> stream.connect("inproc://raw"));
        assertThrows(IllegalArgumentException.class, () -> stream.send(Message.of("only an id")));
        assertThrows(HostUnreachableException.class,
                () -> stream.send(Message.of(Frame.wrap(new byte[] {0, 1, 2, 3, 4}), Frame.of("x"))));
    }

    /** STREAM connects share the connector of the other types, and with it the RECONNECT_STOP rules. */
    @Test
    void aRefusedStreamConnectStopsReconnectingWhenAsked() {
        Context context = newContext();
        StreamSocket stream = context.createStream();
        stream.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(20));
        stream.set(SocketOptions.RECONNECT_STOP_ON_REFUSED, true);
        MonitorEvents events = new MonitorEvents();
        stream.monitor(events);
        stream.connect("tcp://127.0.0.1:" + unusedTcpPort());
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> events.count(MonitorEventType.CONNECT_RETRIED) == 0);
    }

    @Test
    void aStreamConnectStopsAfterADisconnectWhenAsked() throws IOException {
        Context context = newContext();
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            StreamSocket stream = context.createStream();
            stream.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(20));
            stream.set(SocketOptions.RECONNECT_STOP_AFTER_DISCONNECT, true);
            MonitorEvents events = new MonitorEvents();
            stream.monitor(events);
            stream.connect("tcp://127.0.0.1:" + server.getLocalPort());
            Frame id;
            Socket first = server.accept();
            id = stream.receive(TIMEOUT).orElseThrow().first();
            first.close();
            assertEquals(Message.of(id, Frame.EMPTY), stream.receive(TIMEOUT).orElseThrow(), "the server closed");
            events.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
            server.setSoTimeout(500);
            assertThrows(SocketTimeoutException.class, server::accept, "no second connection");
            assertEquals(0, events.count(MonitorEventType.CONNECT_RETRIED));
        }
    }

    /** Collects the data frames from {@code id} until {@code length} bytes came; fails on a disconnect. */
    static String receiveText(StreamSocket stream, Frame id, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            Message message = stream.receive(TIMEOUT).orElseThrow(() -> new AssertionError("got only " + text));
            assertEquals(id, message.first());
            assertFalse(message.frame(1).isEmpty(), "disconnected after " + text);
            text.append(message.frame(1).asString());
        }
        return text.toString();
    }

    private static String readText(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static InetSocketAddress tcpAddress(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return new InetSocketAddress(endpoint.substring("tcp://".length(), colon),
                Integer.parseInt(endpoint.substring(colon + 1)));
    }
}
