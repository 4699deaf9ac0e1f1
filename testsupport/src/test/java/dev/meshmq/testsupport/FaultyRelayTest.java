package dev.meshmq.testsupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay's faults, seen from plain sockets at both ends. */
class FaultyRelayTest {

    private ServerSocket server;
    private FaultyRelay relay;
    private Socket client;
    private Socket target;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        relay = new FaultyRelay(server.getLocalPort());
        client = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(relay.endpoint().split(":")[2]));
        server.setSoTimeout(5000);
        target = server.accept();
        client.setSoTimeout(5000);
        target.setSoTimeout(5000);
        // the target's accept can return before the relay has registered the connection
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.open() == 1);
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        target.close();
        relay.close();
        server.close();
    }

    private static byte[] read(Socket socket, int count) throws IOException {
        return socket.getInputStream().readNBytes(count);
    }

    @Test
    void forwardsBothWaysAndCounts() throws IOException {
        client.getOutputStream().write(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, read(target, 3));
        target.getOutputStream().write(new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, read(client, 2));
        // counted after the write, so possibly after the reader has the bytes
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.forwarded(FaultyRelay.Direction.TO_TARGET) == 3
                && relay.forwarded(FaultyRelay.Direction.TO_CLIENT) == 2);
        assertEquals(1, relay.accepted());
    }

    @Test
    void corruptsExactlyTheBytesAskedFor() throws IOException {
        relay.corrupt(FaultyRelay.Direction.TO_TARGET, 2, 2);
        client.getOutputStream().write(new byte[] {0, 1, 2, 3, 4, 5});
        assertArrayEquals(new byte[] {0, 1, ~2, ~3, 4, 5}, read(target, 6));
    }

    @Test
    void addsLatencyAndLimitsBandwidth() throws IOException {
        relay.latency(Duration.ofMillis(200));
        long start = System.nanoTime();
        client.getOutputStream().write(7);
        assertEquals(7, target.getInputStream().read());
        assertTrue(System.nanoTime() - start >= 190_000_000L, "latency not applied");

        relay.latency(Duration.ZERO).bandwidth(100_000);
        start = System.nanoTime();
        client.getOutputStream().write(new byte[50_000]);
        assertEquals(50_000, read(target, 50_000).length);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= 400, "50 kB at 100 kB/s took " + millis + " ms");
    }

    @Test
    void stallHoldsBytesWithoutClosingAndResumeDeliversThem() throws IOException {
        relay.stall();
        client.getOutputStream().write(new byte[] {9, 8});
        target.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> target.getInputStream().read());
        relay.resume();
        target.setSoTimeout(5000);
        assertArrayEquals(new byte[] {9, 8}, read(target, 2));
    }

    @Test
    void resetSendsAnRstToBothSides() {
        assertEquals(1, relay.reset());
        assertThrows(SocketException.class, () -> client.getInputStream().read());
        assertThrows(SocketException.class, () -> target.getInputStream().read());
    }

    @Test
    void halfCloseEndsOneDirectionOnly() throws IOException {
        assertEquals(1, relay.halfClose(FaultyRelay.Side.CLIENT));
        assertEquals(-1, client.getInputStream().read(), "the client should read the end of the stream");
        client.getOutputStream().write(new byte[] {1, 2});
        InputStream in = target.getInputStream();
        assertArrayEquals(new byte[] {1, 2}, Arrays.copyOf(in.readNBytes(2), 2));
    }
}
