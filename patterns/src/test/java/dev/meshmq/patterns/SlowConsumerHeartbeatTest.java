package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.MonitorEvents;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, item 7: a connection paused because this side's application is slow is not a dead peer.
 * The consumer stops reading for longer than the heartbeat timeout, three times over, while the
 * producer has far more queued than the pipes and kernel buffers hold, so the consumer's connection
 * stops reading from the network. Before this change the paused side saw no input and dropped a live
 * peer, and the producer, whose PINGs went unread, dropped the consumer; the message held by the paused
 * connection was lost with it. Now neither side drops the connection and every message arrives in order.
 */
class SlowConsumerHeartbeatTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final long PAUSE_MILLIS = 400;
    private static final int MESSAGES = 300;
    private static final int SIZE = 64 * 1024;

    private static void heartbeat(Socket socket) {
        socket.set(SocketOptions.HEARTBEAT_INTERVAL, INTERVAL);
        socket.set(SocketOptions.HEARTBEAT_TIMEOUT, TIMEOUT);
    }

    @ParameterizedTest(name = "heartbeats on the producer too: {0}")
    @ValueSource(booleans = {false, true})
    void aConsumerSlowerThanTheTimeoutKeepsItsConnectionAndEveryMessage(boolean producerHeartbeats)
            throws Exception {
        ScheduledExecutorService consumer = Executors.newSingleThreadScheduledExecutor();
        try (Context context = Context.create();
                PullSocket pull = context.createPull();
                PushSocket push = context.createPush()) {
            MonitorEvents pullEvents = new MonitorEvents();
            MonitorEvents pushEvents = new MonitorEvents();
            pull.set(SocketOptions.RECEIVE_HWM, 2);
            push.set(SocketOptions.SEND_HWM, 2);
            heartbeat(pull);
            if (producerHeartbeats) {
                heartbeat(push);
            }
            pull.monitor(pullEvents);
            push.monitor(pushEvents);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    byte[] body = new byte[SIZE];
                    ByteBuffer.wrap(body).putInt(i);
                    push.send(Message.of(body));
                }
            });
            CompletableFuture<Integer> received = new CompletableFuture<>();
            int[] next = {0};
            Runnable readOne = () -> next[0] = readInOrder(pull, next[0], 1, received);
            pushEvents.awaitEvent(MonitorEventType.HANDSHAKE_SUCCEEDED, Duration.ofSeconds(5));
            consumer.schedule(readOne, 0, TimeUnit.MILLISECONDS);
            consumer.schedule(readOne, PAUSE_MILLIS, TimeUnit.MILLISECONDS);
            consumer.schedule(readOne, 2 * PAUSE_MILLIS, TimeUnit.MILLISECONDS);
            consumer.schedule(() -> readInOrder(pull, next[0], MESSAGES - next[0], received),
                    3 * PAUSE_MILLIS, TimeUnit.MILLISECONDS);
            assertEquals(MESSAGES, received.get(30, TimeUnit.SECONDS));
            sent.get(10, TimeUnit.SECONDS);
            assertEquals(0, pullEvents.count(MonitorEventType.DISCONNECTED), "consumer side: " + pullEvents.events());
            assertEquals(0, pushEvents.count(MonitorEventType.DISCONNECTED), "producer side: " + pushEvents.events());
        } finally {
            consumer.shutdownNow();
        }
    }

    /** Receives {@code count} messages, checking their sequence numbers; completes {@code done} at the end. */
    private static int readInOrder(PullSocket pull, int first, int count, CompletableFuture<Integer> done) {
        int expected = first;
        try {
            for (int i = 0; i < count; i++) {
                Message message = pull.receive(Duration.ofSeconds(10)).orElseThrow(
                        () -> new AssertionError("message missing after " + done));
                int sequence = ByteBuffer.wrap(message.frame(0).toByteArray()).getInt();
                assertEquals(expected, sequence, "out of order or lost");
                assertTrue(message.byteCount() == SIZE);
                expected++;
            }
            if (expected == MESSAGES) {
                done.complete(expected);
            }
        } catch (AssertionError | RuntimeException failure) {
            done.completeExceptionally(failure);
        }
        return expected;
    }
}
