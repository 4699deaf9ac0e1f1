package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.SocketType;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectSend}: a small message put into the pipe of an idle connection is written by the sending
 * thread itself, so it goes out while the connection's I/O thread is busy elsewhere; a large one, or one
 * sent while output is owed, waits for the I/O thread. The I/O thread is held by the test's socket side,
 * whose monitor callback runs on it and blocks when a second peer connects.
 */
class DirectSendTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TransportContext transport = new TransportContext(1, NanoClock.SYSTEM, 0);
    private final BlockingHost host = new BlockingHost();

    @AfterEach
    void shutdown() {
        host.release();
        transport.shutdown(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aSmallMessageToAnIdleConnectionGoesOutWhileTheIoThreadIsBusy() throws Exception {
        Binding binding = transport.bind(Endpoint.parse("tcp://127.0.0.1:*"), "tcp://127.0.0.1:*", host);
        String endpoint = binding.resolvedEndpoint();
        try (RawZmtpPeer peer = handshake(endpoint)) {
            PeerLink link = host.attached.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(link, "the first peer's link");
            // the event comes before the engine has finished with the handshake; the I/O thread is
            // done with it before it takes the second peer's connection, whose ACCEPTED then holds it
            host.awaitEvent(MonitorEventType.HANDSHAKE_SUCCEEDED);
            host.blockOnNextEvent();
            RawZmtpPeer second = RawZmtpPeer.connect(endpoint, TIMEOUT);
            assertTrue(host.blocked.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the I/O thread was not held");

            assertTrue(link.outbound().write(Message.of("direct")));
            assertArrayEquals(frame("direct"), peer.receiveFrame(TIMEOUT),
                    "a small message to an idle connection must go out while its I/O thread is held");

            byte[] large = new byte[DirectSend.MAX_BYTES + 1];
            Arrays.fill(large, (byte) 'x');
            assertTrue(link.outbound().write(Message.of(large)));
            assertThrows(IOException.class, () -> peer.receive(1, Duration.ofMillis(300)),
                    "a large message is the I/O thread's to write");
            host.release();
            byte[] received = peer.receiveFrame(TIMEOUT);
            assertEquals(large.length + 1, received.length);
            second.close();
        } finally {
            binding.close(0);
        }
    }

    private static RawZmtpPeer handshake(String endpoint) throws IOException {
        RawZmtpPeer peer = RawZmtpPeer.connect(endpoint, TIMEOUT);
        peer.send(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), RawZmtpPeer.ready("PULL")), TIMEOUT);
        peer.receive(64, TIMEOUT);
        byte[] ready = peer.receiveFrame(TIMEOUT);
        assertTrue(new String(ready, StandardCharsets.ISO_8859_1).contains("READY"), "the server's READY");
        return peer;
    }

    private static byte[] frame(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return RawZmtpPeer.concat(new byte[] {0}, bytes);
    }

    /** A PUSH's side of the links; its monitor runs on the I/O thread and can be made to hold it. */
    private static final class BlockingHost implements LinkHost {

        final BlockingQueue<PeerLink> attached = new LinkedBlockingQueue<>();
        private final BlockingQueue<MonitorEventType> events = new LinkedBlockingQueue<>();
        final CountDownLatch blocked = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean blockNext;

        void blockOnNextEvent() {
            blockNext = true;
        }

        void awaitEvent(MonitorEventType type) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            MonitorEventType seen;
            do {
                seen = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertNotNull(seen, "no " + type + " within " + TIMEOUT);
            } while (seen != type);
        }

        void release() {
            released.countDown();
        }

        @Override
        public TransportOptions transportOptions() {
            return new TransportOptions(SocketType.PUSH, 10, 10, 0, 1_000_000, 0, 0, -1, -1, 100, false, new byte[0],
                    HeartbeatSettings.OFF, ReconnectRules.DEFAULT, false, 1, ConnectionSettings.DEFAULTS,
                    SecuritySettings.NONE);
        }

        @Override
        public void attach(PeerLink link) {
            attached.add(link);
        }

        @Override
        public void peerConnected(PeerLink link) {
        }

        @Override
        public void detach(PeerLink link) {
        }

        @Override
        public boolean isMonitored() {
            return true;
        }

        @Override
        public void monitorEvent(MonitorEvent event) {
            // read before the event is published: a block armed by a test thread that saw this event is
            // for the next one
            boolean block = blockNext;
            events.add(event.type());
            if (block) {
                blockNext = false;
                blocked.countDown();
                try {
                    released.await(3 * TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
