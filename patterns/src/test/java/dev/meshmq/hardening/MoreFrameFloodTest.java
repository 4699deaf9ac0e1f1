package dev.meshmq.hardening;

import static dev.meshmq.testsupport.RawZmtpPeer.concat;
import static dev.meshmq.testsupport.RawZmtpPeer.nullGreeting;
import static dev.meshmq.testsupport.RawZmtpPeer.ready;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/**
 * A peer that sends frames with the MORE flag and never the last one. An empty frame is two bytes on the
 * wire and a few dozen bytes of heap in the unfinished message, and MAX_MESSAGE_SIZE (per frame) cannot
 * stop it: before MAX_MESSAGE_PARTS one such connection could fill any heap. Now each connection is
 * closed after 65,536 frames of one message (the default), so the flood costs bounded memory however
 * long it goes on and however often the peer reconnects; measured in a server JVM with {@code -Xmx128m}.
 * (With {@code -DmaxMessageParts=-1} passed to the child, the same flood runs the child out of heap.)
 *
 * <p>Thread-safety: one test thread.
 */
class MoreFrameFloodTest {

    private static final long FLOOD_BYTES = 48L << 20;
    private static final int FRAMES_PER_WRITE = 40_000;
    private static final long MAX_GROWTH_BYTES = 8L << 20;

    @Test
    void endlessMoreFramesCostBoundedMemoryAndTheServerServesOn() throws Exception {
        try (ChildJvm child = new ChildJvm("-Xmx128m", "-XX:MaxDirectMemorySize=64m")) {
            String endpoint = child.nextLine(30).substring("endpoint ".length());
            long before = child.heap();
            byte[] handshake = concat(nullGreeting(), ready("PUSH"));
            ByteBuffer frames = ByteBuffer.allocate(2 * FRAMES_PER_WRITE);
            while (frames.hasRemaining()) {
                frames.put((byte) 0x01).put((byte) 0);
            }
            long written = 0;
            int connections = 0;
            while (written < FLOOD_BYTES) {
                connections++;
                written += floodOneConnection(endpoint, handshake, frames, FLOOD_BYTES - written);
                assertTrue(connections < 10_000, "the flood went on for " + connections + " connections");
            }
            long growth = child.heap() - before;
            System.out.printf("%,d bytes of MORE frames over %,d connections: server heap grew by %,d bytes%n",
                    written, connections, growth);
            assertTrue(connections > 1, "one connection took " + written + " bytes of MORE frames");
            assertTrue(growth < MAX_GROWTH_BYTES, "the server's heap grew by " + growth + " bytes");
            child.assertServesAGoodPeer(endpoint);
        }
    }

    /**
     * Connects, hands shakes as a PUSH and writes empty MORE frames until the server closes the connection or
     * {@code budget} bytes are written.
     *
     * @return the bytes written
     */
    private static long floodOneConnection(String endpoint, byte[] handshake, ByteBuffer frames, long budget)
            throws IOException {
        long written = 0;
        try (SocketChannel flooder = SocketChannel.open(ChildJvm.tcpAddress(endpoint))) {
            flooder.write(ByteBuffer.wrap(handshake));
            while (written < budget) {
                frames.clear();
                while (frames.hasRemaining()) {
                    written += flooder.write(frames);
                }
            }
        } catch (IOException closedByTheServer) {
            // the server closed the connection: expected after 65,536 frames
        }
        return written;
    }
}
