package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frames backed by heap and direct {@link ByteBuffer}s, end to end over tcp, ipc and inproc: every size
 * around the codec's boundaries (short/long header, the encoder's gathering threshold of 128 KiB, the decoder's
 * direct-read and exact-allocation limits), multipart mixes of backings, CURVE, and a slow receiver whose
 * inbound pipe fills up while large direct frames are in flight.
 */
class BufferFramesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int KIB = 1024;
    private static final int[] SIZES = {0, 1, 255, 256, 8 * KIB - 1, 8 * KIB, 8 * KIB + 1, 32 * KIB - 1, 32 * KIB,
        64 * KIB - 1, 64 * KIB, 64 * KIB + 1, 128 * KIB - 1, 128 * KIB, 128 * KIB + 1, 1024 * KIB - 1, 1024 * KIB,
        1024 * KIB + 1, 3 * 1024 * KIB + 17};

    private Context context;

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
    }

    enum Backing { ARRAY, HEAP_BUFFER, DIRECT_BUFFER }

    static Stream<Arguments> transportsAndBackings() {
        List<Arguments> cases = new ArrayList<>();
        for (String transport : List.of("tcp", "ipc", "inproc")) {
            for (Backing backing : Backing.values()) {
                cases.add(Arguments.of(transport, backing));
            }
        }
        return cases.stream();
    }

    static byte[] content(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed * 31L + size).nextBytes(bytes);
        return bytes;
    }

    static Frame frame(byte[] bytes, Backing backing) {
        switch (backing) {
            case ARRAY:
                return Frame.wrap(bytes);
            case HEAP_BUFFER: {
                // a slice in the middle of a larger array: position and array offset are not 0
                ByteBuffer larger = ByteBuffer.allocate(bytes.length + 10);
                larger.position(3).put(bytes);
                return Frame.wrap(larger.limit(3 + bytes.length).position(3));
            }
            default:
                return Frame.wrap(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
        }
    }

    @ParameterizedTest(name = "{1} frames over {0}")
    @MethodSource("transportsAndBackings")
    void everySizeArrivesIntactAndInOrder(String transport, Backing backing) {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            push.connect(pull.bind(Endpoints.fresh(transport)));
            List<byte[]> sent = new ArrayList<>();
            for (int size : SIZES) {
                byte[] bytes = content(size, 1);
                sent.add(bytes);
                assertTrue(push.send(Message.of(frame(bytes, backing)), TIMEOUT), "sent " + size);
            }
            for (byte[] expected : sent) {
                Message received = pull.receive(TIMEOUT).orElseThrow();
                assertEquals(1, received.size());
                assertArrayEquals(expected, received.first().toByteArray(), "a frame of " + expected.length);
            }
            assertFalse(pull.tryReceive().isPresent());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void multipartMessagesMixBackingsAndSizes(String transport) {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            push.connect(pull.bind(Endpoints.fresh(transport)));
            List<Message> sent = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                List<Frame> frames = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    int size = SIZES[(round * 5 + i * 7) % SIZES.length];
                    frames.add(frame(content(size, round * 10 + i), Backing.values()[(round + i) % 3]));
                }
                Message message = Message.of(frames);
                sent.add(message);
                assertTrue(push.send(message, TIMEOUT));
            }
            for (Message expected : sent) {
                assertEquals(expected, pull.receive(TIMEOUT).orElseThrow());
            }
        }
    }

    @Test
    void inprocHandsTheDirectFrameOverAsItIs() {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            push.connect(pull.bind(Endpoints.fresh("inproc")));
            Frame frame = frame(content(64 * KIB, 3), Backing.DIRECT_BUFFER);
            assertTrue(push.send(Message.of(frame), TIMEOUT));
            Frame received = pull.receive(TIMEOUT).orElseThrow().first();
            assertSame(frame, received);
            assertTrue(received.isDirect());
        }
    }

    /** The receiver takes its time, so the sender's channel fills and writes of direct bodies stop halfway. */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void slowReceiverKeepsLargeDirectFramesIntact(String transport) {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            pull.set(SocketOptions.RECEIVE_HWM, 2);
            push.set(SocketOptions.SEND_HWM, 2);
            push.connect(pull.bind(Endpoints.fresh(transport)));
            int count = 40;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    int size = i % 2 == 0 ? 1024 * KIB : 130 * KIB + i;
                    push.send(Message.of(Frame.of("#" + i), frame(content(size, i), Backing.DIRECT_BUFFER)), TIMEOUT);
                }
            });
            sender.start();
            for (int i = 0; i < count; i++) {
                Message received = pull.receive(TIMEOUT).orElseThrow();
                assertEquals("#" + i, received.string(0));
                int size = i % 2 == 0 ? 1024 * KIB : 130 * KIB + i;
                assertArrayEquals(content(size, i), received.frame(1).toByteArray(), "message " + i);
            }
            join(sender);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void curveSealsBufferFrames(String transport) {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            pull.set(SocketOptions.CURVE_SERVER, true);
            pull.set(SocketOptions.CURVE_SECRET_KEY, server.secretKey());
            push.set(SocketOptions.CURVE_SECRET_KEY, client.secretKey());
            push.set(SocketOptions.CURVE_PUBLIC_KEY, client.publicKey());
            push.set(SocketOptions.CURVE_SERVER_KEY, server.publicKey());
            push.connect(pull.bind(Endpoints.fresh(transport)));
            for (Backing backing : Backing.values()) {
                for (int size : new int[] {0, 255, 8 * KIB, 128 * KIB + 1, 1024 * KIB}) {
                    byte[] bytes = content(size, 9);
                    assertTrue(push.send(Message.of(frame(bytes, backing), Frame.of("end")), TIMEOUT));
                    Message received = pull.receive(TIMEOUT).orElseThrow();
                    assertArrayEquals(bytes, received.first().toByteArray(), backing + " " + size);
                    assertEquals("end", received.string(1));
                }
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertFalse(thread.isAlive(), "sender finished");
    }
}
