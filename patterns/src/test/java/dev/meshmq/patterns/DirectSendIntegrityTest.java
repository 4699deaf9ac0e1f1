package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.ClientSocket;
import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.ServerSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Application threads write small messages to idle tcp/ipc connections themselves, while the I/O thread
 * writes the large ones, the PINGs and PONGs of a 1 ms heartbeat, and whatever a burst leaves it; under
 * CURVE every frame is sealed with the next nonce, so a frame written out of turn would end the session.
 * Several threads share one CLIENT, paced so that both ways are taken often; every message must arrive
 * once, intact, in its thread's order, and every reply must come back.
 */
class DirectSendIntegrityTest extends MeshTestSupport {

    private static final int THREADS = 3;
    private static final int PER_THREAD = 1500;
    private static final int LARGE = 20 * 1024;

    @ParameterizedTest
    @CsvSource({"tcp,false", "ipc,false", "tcp,true", "ipc,true"})
    void everyMessageArrivesIntactAndInOrderWhateverThreadWroteIt(String transport, boolean curve) {
        Context serverContext = newContext();
        Context clientContext = newContext();
        ServerSocket server = serverContext.createServer();
        ClientSocket client = clientContext.createClient();
        heartbeat(server);
        heartbeat(client);
        if (curve) {
            CurveKeyPair serverKeys = CurveKeyPair.generate();
            CurveKeyPair clientKeys = CurveKeyPair.generate();
            server.set(SocketOptions.CURVE_SERVER, true);
            server.set(SocketOptions.CURVE_SECRET_KEY, serverKeys.secretKey());
            client.set(SocketOptions.CURVE_SERVER_KEY, serverKeys.publicKey());
            client.set(SocketOptions.CURVE_PUBLIC_KEY, clientKeys.publicKey());
            client.set(SocketOptions.CURVE_SECRET_KEY, clientKeys.secretKey());
        }
        Queue<MonitorEvent> disconnects = new ConcurrentLinkedQueue<>();
        server.monitor(event -> noteDisconnect(event, disconnects));
        client.monitor(event -> noteDisconnect(event, disconnects));
        client.connect(server.bind(Endpoints.fresh(transport)));
        Worker<int[]> serving = background("server", () -> serve(server));
        Worker<Integer> replies = background("replies", () -> countReplies(client));
        List<Worker<Boolean>> senders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            senders.add(background("sender-" + t, () -> sendAll(client, thread)));
        }
        for (Worker<Boolean> sender : senders) {
            assertTrue(sender.value(Duration.ofSeconds(60)), "a send timed out");
        }
        int[] next = serving.value(Duration.ofSeconds(60));
        for (int t = 0; t < THREADS; t++) {
            assertEquals(PER_THREAD, next[t], "messages of thread " + t);
        }
        assertEquals(THREADS * PER_THREAD, replies.value(Duration.ofSeconds(60)));
        assertTrue(disconnects.isEmpty(), "the connection must hold: " + disconnects);
    }

    private static void noteDisconnect(MonitorEvent event, Queue<MonitorEvent> disconnects) {
        if (event.type() == MonitorEventType.DISCONNECTED) {
            disconnects.add(event);
        }
    }

    private static void heartbeat(Socket socket) {
        socket.set(SocketOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(1));
        socket.set(SocketOptions.HEARTBEAT_TIMEOUT, Duration.ofSeconds(5));
    }

    /** Sends this thread's series: small ones paced so the connection goes idle, a large one every 50th. */
    private static boolean sendAll(ClientSocket client, int thread) {
        for (int seq = 0; seq < PER_THREAD; seq++) {
            if (!client.send(Message.of(body(thread, seq)), TIMEOUT)) {
                return false;
            }
            if (seq % 3 == 0) {
                pace(20_000 + thread * 7_000L);
            }
        }
        return true;
    }

    /** Keeps the thread busy for a while, so that the connection is idle when it sends again. */
    private static void pace(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** Receives every message, checks it, replies; returns each thread's count. */
    private static int[] serve(ServerSocket server) {
        int[] next = new int[THREADS];
        for (int i = 0; i < THREADS * PER_THREAD; i++) {
            Message message = server.receive(TIMEOUT).orElseThrow(
                    () -> new AssertionError("the server got no message within " + TIMEOUT));
            byte[] bytes = message.frame(0).toByteArray();
            int thread = ByteBuffer.wrap(bytes).getInt();
            int seq = ByteBuffer.wrap(bytes).getInt(4);
            assertEquals(next[thread], seq, "thread " + thread + "'s messages out of order");
            assertArrayEquals(body(thread, seq), bytes, "message " + seq + " of thread " + thread + " damaged");
            next[thread]++;
            server.send(Message.of(bytes.length > 64 ? "ok" : "fine").withRoutingId(message.routingId()));
        }
        return next;
    }

    private static int countReplies(ClientSocket client) {
        int count = 0;
        while (count < THREADS * PER_THREAD) {
            client.receive(TIMEOUT).orElseThrow(() -> new AssertionError("no reply within " + TIMEOUT));
            count++;
        }
        return count;
    }

    /** Thread, sequence number, then bytes derived from both; every 50th message is large. */
    private static byte[] body(int thread, int seq) {
        int size = seq % 50 == 49 ? LARGE : 8 + (seq * 31 + thread) % 120;
        ByteBuffer buffer = ByteBuffer.allocate(size).putInt(thread).putInt(seq);
        while (buffer.hasRemaining()) {
            buffer.put((byte) (buffer.position() * 7 + seq + thread));
        }
        return buffer.array();
    }
}
