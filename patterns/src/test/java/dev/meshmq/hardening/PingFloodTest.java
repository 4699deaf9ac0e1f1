package dev.meshmq.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 2: a peer that sends PINGs and never reads cost the server one queued PONG per PING,
 * without bound (2 M PINGs grew the heap by 162 MiB). Now at most one PONG waits, a newer PING
 * replacing it, so the flood costs constant memory; measured in a server JVM with {@code -Xmx128m}.
 */
class PingFloodTest {

    private static final int PINGS = 2_000_000;
    private static final long MAX_GROWTH_BYTES = 8L << 20;

    @Test
    void aPingFloodFromAPeerThatNeverReadsCostsConstantMemory() throws Exception {
        try (ChildJvm child = new ChildJvm("-Xmx128m", "-XX:MaxDirectMemorySize=64m")) {
            String endpoint = child.nextLine(30).substring("endpoint ".length());
            long before = child.heap();
            try (SocketChannel flooder = SocketChannel.open(ChildJvm.tcpAddress(endpoint))) {
                flooder.write(ByteBuffer.wrap(handshake()));
                byte[] ping = ping();
                ByteBuffer chunk = ByteBuffer.allocate(ping.length * 40_000);
                int sent = 0;
                while (sent < PINGS) {
                    chunk.clear();
                    while (chunk.remaining() >= ping.length && sent < PINGS) {
                        chunk.put(ping);
                        sent++;
                    }
                    chunk.flip();
                    while (chunk.hasRemaining()) {
                        flooder.write(chunk);
                    }
                }
                long growth = child.heap() - before;
                System.out.printf("%,d PINGs (%,d bytes) never answered by reading: server heap grew by %,d bytes%n",
                        PINGS, (long) PINGS * ping.length, growth);
                assertTrue(growth < MAX_GROWTH_BYTES, "the server's heap grew by " + growth + " bytes");
                child.assertServesAGoodPeer(endpoint);
            }
        }
    }

    /** A NULL greeting and a READY as a PUSH. */
    private static byte[] handshake() {
        ByteBuffer bytes = ByteBuffer.allocate(64 + 2 + 26);
        bytes.put((byte) 0xFF).put(new byte[8]).put((byte) 0x7F).put((byte) 3).put((byte) 1);
        bytes.put("NULL".getBytes(StandardCharsets.US_ASCII)).put(new byte[16]).put((byte) 0).put(new byte[31]);
        bytes.put((byte) 0x04).put((byte) 26).put((byte) 5).put("READY".getBytes(StandardCharsets.US_ASCII));
        bytes.put((byte) 11).put("Socket-Type".getBytes(StandardCharsets.US_ASCII)).putInt(4);
        bytes.put("PUSH".getBytes(StandardCharsets.US_ASCII));
        return bytes.array();
    }

    /** A PING with a TTL of 0 and a 16-byte context: 25 bytes on the wire. */
    private static byte[] ping() {
        ByteBuffer bytes = ByteBuffer.allocate(25);
        bytes.put((byte) 0x04).put((byte) 23).put((byte) 4).put("PING".getBytes(StandardCharsets.US_ASCII));
        bytes.putShort((short) 0).put("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        return bytes.array();
    }
}
