package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many messages through tiny high-water marks between two contexts (two I/O threads, as between two
 * processes), so that the sender blocks and resumes, the receiving connection pauses and resumes
 * reading, and batches of decoded messages wake the reader, thousands of times per run. Sizes vary
 * so that frames straddle read and write buffer boundaries. A lost wake-up anywhere shows as a
 * receive or send that times out; a reordering or loss as a wrong sequence number.
 */
class FlowControlStressTest extends MeshTestSupport {

    private static final int MESSAGES = 150_000;
    private static final int MAX_SIZE = 2048;

    @ParameterizedTest
    @CsvSource({"tcp, 0", "tcp, 50", "ipc, 0", "ipc, 50"})
    void everyMessageArrivesInOrderThroughTinyHighWaterMarks(String transport, long spinMicros) {
        ContextConfig config = ContextConfig.defaults().withSpinWait(Duration.ofNanos(spinMicros * 1000));
        Context sending = newContext(config);
        Context receiving = newContext(config);
        PullSocket pull = receiving.createPull();
        pull.set(SocketOptions.RECEIVE_HWM, 7);
        PushSocket push = sending.createPush();
        push.set(SocketOptions.SEND_HWM, 5);
        push.connect(pull.bind(Endpoints.fresh(transport)));

        Worker<Integer> sender = background("stress-sender", () -> {
            SplittableRandom sizes = new SplittableRandom(42);
            for (int i = 0; i < MESSAGES; i++) {
                assertTrue(push.send(message(i, sizes.nextInt(Integer.BYTES, MAX_SIZE)), TIMEOUT),
                        "send " + i + " waited longer than " + TIMEOUT);
            }
            return MESSAGES;
        });
        SplittableRandom sizes = new SplittableRandom(42);
        for (int i = 0; i < MESSAGES; i++) {
            Message received = pull.receive(TIMEOUT).orElseThrow(
                    () -> new AssertionError("nothing received within " + TIMEOUT));
            byte[] body = received.first().toByteArray();
            assertEquals(sizes.nextInt(Integer.BYTES, MAX_SIZE), body.length);
            assertEquals(i, ByteBuffer.wrap(body).getInt(), "message out of order or lost");
        }
        assertEquals(MESSAGES, sender.value(TIMEOUT));
    }

    private static Message message(int sequence, int size) {
        byte[] body = new byte[size];
        ByteBuffer.wrap(body).putInt(sequence);
        return Message.wrap(body);
    }
}
