package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.ClientSocket;
import dev.meshmq.Context;
import dev.meshmq.HostUnreachableException;
import dev.meshmq.Message;
import dev.meshmq.ServerSocket;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CLIENT and SERVER: routing ids per connection, single frames, and use from many threads at once. */
class ClientServerTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void serverRepliesToTheConnectionThatAsked(String transport) {
        Context context = newContext();
        ServerSocket server = context.createServer();
        String endpoint = server.bind(Endpoints.fresh(transport));
        ClientSocket first = context.createClient();
        ClientSocket second = context.createClient();
        first.connect(endpoint);
        second.connect(endpoint);
        first.send("from first");
        second.send("from second");
        for (int i = 0; i < 2; i++) {
            Message request = server.receive(TIMEOUT).orElseThrow();
            assertNotEquals(0, request.routingId());
            server.send(Message.of("reply to " + request.string(0)).withRoutingId(request.routingId()));
        }
        assertEquals("reply to from first", first.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals("reply to from second", second.receive(TIMEOUT).orElseThrow().string(0));
    }

    @Test
    void multipartAndUnaddressedMessagesAreRejectedWithClearErrors() {
        Context context = newContext();
        ServerSocket server = context.createServer();
        ClientSocket client = context.createClient();
        client.connect(server.bind(Endpoints.fresh("inproc")));
        IllegalArgumentException multipart = assertThrows(IllegalArgumentException.class,
                () -> client.send(Message.of("a", "b")));
        assertTrue(multipart.getMessage().contains("single-frame"), multipart.getMessage());
        client.send("hello");
        int id = server.receive(TIMEOUT).orElseThrow().routingId();
        assertThrows(IllegalArgumentException.class, () -> server.send(Message.of("no id")));
        assertThrows(IllegalArgumentException.class, () -> server.send(Message.of("a", "b").withRoutingId(id)));
        assertThrows(HostUnreachableException.class, () -> server.send(Message.of("x").withRoutingId(id + 1)));
        server.send(Message.of("fine").withRoutingId(id));
        assertEquals("fine", client.receive(TIMEOUT).orElseThrow().string(0));
    }

    /** Four threads send and two receive on one CLIENT while three threads serve on one SERVER. */
    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void manyThreadsShareOneClientAndOneServer(String transport) {
        Context context = newContext();
        ServerSocket server = context.createServer();
        ClientSocket client = context.createClient();
        client.connect(server.bind(Endpoints.fresh(transport)));
        int senders = 4;
        int perSender = 2000;
        int total = senders * perSender;
        AtomicInteger served = new AtomicInteger();
        List<Worker<Void>> servers = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            servers.add(background("server-" + s, () -> {
                while (served.get() < total) {
                    server.receive(SHORT).ifPresent(request -> {
                        server.send(Message.of("echo " + request.string(0)).withRoutingId(request.routingId()));
                        served.incrementAndGet();
                    });
                }
                return null;
            }));
        }
        Set<String> replies = ConcurrentHashMap.newKeySet();
        AtomicInteger received = new AtomicInteger();
        List<Worker<Void>> receivers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            receivers.add(background("receiver-" + r, () -> {
                while (received.get() < total) {
                    client.receive(SHORT).ifPresent(reply -> {
                        replies.add(reply.string(0));
                        received.incrementAndGet();
                    });
                }
                return null;
            }));
        }
        List<Worker<Void>> sendersList = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            int thread = t;
            sendersList.add(background("sender-" + t, () -> {
                for (int i = 0; i < perSender; i++) {
                    client.send("t" + thread + "-" + i);
                }
                return null;
            }));
        }
        sendersList.forEach(worker -> worker.value(TIMEOUT));
        receivers.forEach(worker -> worker.value(TIMEOUT));
        servers.forEach(worker -> worker.value(TIMEOUT));
        assertEquals(total, received.get());
        assertEquals(total, replies.size(), "every reply exactly once");
        assertTrue(replies.contains("echo t3-1999"));
    }
}
