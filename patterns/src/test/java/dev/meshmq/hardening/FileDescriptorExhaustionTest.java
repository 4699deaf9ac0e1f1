package dev.meshmq.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.PushSocket;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that runs out of file descriptors (EMFILE) while connections keep coming must not spin:
 * the pending connection stays in the kernel's queue, so the selector reports the listening socket
 * ready again at once, and a listener that simply retried burned a whole processor and sent one
 * ACCEPT_FAILED event per attempt to an unbounded monitor queue. Worse, the WARNING it logged made
 * java.util.logging load its time-zone data, which failed for want of a descriptor and from then on
 * made every log call throw, and a log call on the I/O thread's own failure path ended the thread.
 * Now accepting pauses for 100 ms after a failure, a log call cannot throw, and the server serves
 * again once descriptors are free.
 */
class FileDescriptorExhaustionTest {

    private static final int CHILD_OPEN_FILES = 400;
    private static final int CONNECTIONS = 700;

    @Test
    void aServerOutOfDescriptorsWaitsInsteadOfSpinningAndRecovers() throws Exception {
        try (ChildJvm child = new ChildJvm(CHILD_OPEN_FILES, "-Xmx128m")) {
            String endpoint = child.nextLine(30).substring("endpoint ".length());
            InetSocketAddress address = ChildJvm.tcpAddress(endpoint);
            List<SocketChannel> flood = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    SocketChannel channel = SocketChannel.open();
                    flood.add(channel);
                    channel.configureBlocking(false);
                    channel.connect(address);   // no waiting: what the kernel cannot queue is retried by it
                }
                child.ask("receive 300", 30);   // let the server meet the limit
                double before = child.cpuSeconds();
                child.ask("receive 1500", 30);  // a 1.5 s window with the queue full of connections it cannot take
                double used = child.cpuSeconds() - before;
                System.out.printf("server out of descriptors: %.2f s of processor time in a 1.5 s window%n", used);
                assertTrue(used < 0.5, "the server spun: " + used + " s of processor time in 1.5 s");
            } finally {
                for (SocketChannel channel : flood) {
                    channel.close();
                }
            }
            try (Context context = Context.create(); PushSocket push = context.createPush()) {
                push.connect(endpoint);
                push.send("good peer");
                assertEquals("received good peer", child.ask("receive 20000", 30));
            }
            assertTrue(child.isAlive(), child.errors());
        }
    }
}
