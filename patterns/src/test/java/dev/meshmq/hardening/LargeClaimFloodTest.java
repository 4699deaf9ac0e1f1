package dev.meshmq.hardening;

import static dev.meshmq.testsupport.RawZmtpPeer.FLAG_COMMAND;
import static dev.meshmq.testsupport.RawZmtpPeer.FLAG_LONG;
import static dev.meshmq.testsupport.RawZmtpPeer.concat;
import static dev.meshmq.testsupport.RawZmtpPeer.longFrameHeader;
import static dev.meshmq.testsupport.RawZmtpPeer.nullGreeting;
import static dev.meshmq.testsupport.RawZmtpPeer.ready;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Peers that announce a large frame and send nothing of it. The decoder used to allocate any body of up
 * to 1 MiB at its announced size, so 73 bytes (a greeting and a command header claiming 1 MiB) made a
 * connection in its handshake hold 1 MiB, and a few hundred such connections ran a server out of heap.
 * Now what a connection holds is in proportion to what its peer sent (1 KiB for a command claim in the
 * handshake, 64 KiB for a message claim after it); measured in a server JVM with {@code -Xmx128m}, 300
 * connections each, all held open while the server's heap is measured.
 *
 * <p>Thread-safety: one test thread.
 */
class LargeClaimFloodTest {

    private static final int CONNECTIONS = 300;
    private static final long ONE_MIB = 1 << 20;

    @Test
    void commandClaimsInTheHandshakeCostAKibibyteEach() throws Exception {
        byte[] claim = concat(nullGreeting(), longFrameHeader(FLAG_COMMAND | FLAG_LONG, ONE_MIB));
        floodAndMeasure(claim, 8L << 20);
    }

    @Test
    void messageClaimsAfterTheHandshakeCostAtMostSixtyFourKibibytesEach() throws Exception {
        byte[] claim = concat(nullGreeting(), ready("PUSH"), longFrameHeader(FLAG_LONG, ONE_MIB));
        floodAndMeasure(claim, 40L << 20);
    }

    private static void floodAndMeasure(byte[] claim, long maxGrowth) throws Exception {
        try (ChildJvm child = new ChildJvm("-Xmx128m", "-XX:MaxDirectMemorySize=64m")) {
            String endpoint = child.nextLine(30).substring("endpoint ".length());
            long before = child.heap();
            List<SocketChannel> claimers = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    SocketChannel claimer = SocketChannel.open(ChildJvm.tcpAddress(endpoint));
                    claimers.add(claimer);
                    claimer.write(ByteBuffer.wrap(claim));
                }
                // a good peer served after all the claims were sent: the server has read them (one I/O thread)
                child.assertServesAGoodPeer(endpoint);
                long growth = child.heap() - before;
                System.out.printf("%d connections claiming 1 MiB each (%d bytes sent each): heap grew by %,d bytes%n",
                        CONNECTIONS, claim.length, growth);
                assertTrue(growth < maxGrowth, "the server's heap grew by " + growth + " bytes");
            } finally {
                for (SocketChannel claimer : claimers) {
                    claimer.close();
                }
            }
        }
    }
}
