package dev.meshmq.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: a cap on connections still in their handshake. With MAX_HANDSHAKES 3, five silent
 * connections leave the newest three open and the two oldest closed, counted in the socket's
 * statistics, and a good peer still gets through; a value below 1 is refused and changes nothing.
 */
class HandshakeCapTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void theOldestSilentConnectionsMakeRoomAndAreCounted() throws Exception {
        try (Context context = Context.create(); PullSocket pull = context.createPull()) {
            pull.set(SocketOptions.MAX_HANDSHAKES, 3);
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            InetSocketAddress address = ChildJvm.tcpAddress(endpoint);
            List<Socket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    Socket socket = new Socket();
                    socket.connect(address, 5_000);
                    socket.setSoTimeout(200);
                    silent.add(socket);
                    readGreeting(socket.getInputStream());
                }
                await().atMost(TIMEOUT).until(() -> pull.statistics().handshakesEvicted() == 2);
                assertTrue(closedByServer(silent.get(0)), "the oldest connection is still open");
                assertTrue(closedByServer(silent.get(1)), "the second oldest connection is still open");
                for (int i = 2; i < 5; i++) {
                    assertFalse(closedByServer(silent.get(i)), "connection " + i + " was closed");
                }
                try (PushSocket push = context.createPush()) {
                    push.connect(endpoint);
                    push.send("good peer");
                    assertEquals("good peer", pull.receive(TIMEOUT).orElseThrow().string(0));
                }
                assertEquals(3, pull.statistics().handshakesEvicted(), "the good peer made room once more");
            } finally {
                for (Socket socket : silent) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aCapBelowOneIsRefusedAndChangesNothing() {
        try (Context context = Context.create(); PullSocket pull = context.createPull()) {
            pull.set(SocketOptions.MAX_HANDSHAKES, 7);
            assertThrows(IllegalArgumentException.class, () -> pull.set(SocketOptions.MAX_HANDSHAKES, 0));
            assertEquals(7, pull.get(SocketOptions.MAX_HANDSHAKES));
        }
    }

    private static void readGreeting(InputStream in) throws IOException {
        int read = 0;
        while (read < 11) {
            if (in.read() < 0) {
                throw new AssertionError("closed before its greeting");
            }
            read++;
        }
    }

    /** True if the server closed the connection; reads and drops whatever it sent. */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
