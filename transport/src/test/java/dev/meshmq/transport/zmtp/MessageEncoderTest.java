package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageEncoderTest {

    /** Encodes {@code message} in one go into a buffer of exactly its encoded size. */
    private static byte[] encode(Message message) {
        ByteBuffer out = ByteBuffer.allocate(MessageEncoder.encodedSize(message));
        MessageEncoder encoder = new MessageEncoder();
        encoder.start(message);
        assertTrue(encoder.encodeTo(out));
        assertTrue(encoder.isIdle());
        assertFalse(out.hasRemaining());
        return out.array();
    }

    /** Encodes all messages through an output buffer of {@code bufferSize} bytes. */
    private static byte[] encodeThrough(List<Message> messages, int bufferSize) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ByteBuffer out = ByteBuffer.allocate(bufferSize);
        MessageEncoder encoder = new MessageEncoder();
        for (Message message : messages) {
            encoder.start(message);
            boolean done;
            do {
                done = encoder.encodeTo(out);
                if (!done) {
                    assertFalse(out.hasRemaining(), "stopped with room left");
                }
                if (!out.hasRemaining() || done) {
                    out.flip();
                    wire.write(out.array(), 0, out.limit());
                    out.clear();
                }
            } while (!done);
        }
        return wire.toByteArray();
    }

    private static Message randomMessage(Random random) {
        int frames = 1 + random.nextInt(5);
        List<Frame> parts = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            int pick = random.nextInt(20);
            int size;
            if (pick < 3) {
                size = 0;
            } else if (pick < 12) {
                size = 1 + random.nextInt(255);
            } else if (pick < 19) {
                size = 256 + random.nextInt(2000);
            } else {
                size = 70_000;
            }
            byte[] body = new byte[size];
            random.nextBytes(body);
            parts.add(Frame.wrap(body));
        }
        return Message.of(parts);
    }

    @Test
    void encodesTheGoldenMultipartMessage() {
        assertArrayEquals(Bytes.of(0x01, 0x03, "abc", 0x00, 0x05, "part2"), encode(Message.of("abc", "part2")));
    }

    @Test
    void encodesTheGoldenDealerEnvelope() {
        assertArrayEquals(Bytes.hex("01 01 41 00 05 68 65 6c 6c 6f"), encode(Message.of("A", "hello")));
        assertArrayEquals(Bytes.of(0x01, 0, 0x00, 4, "ping"), encode(Message.of("", "ping")));
    }

    @Test
    void usesTheShortFormUpTo255AndTheLongFormAbove() {
        byte[] b255 = new byte[255];
        assertArrayEquals(Bytes.of(0x00, 0xff, b255), encode(Message.of(b255)));
        byte[] b256 = new byte[256];
        assertArrayEquals(Bytes.of(0x02, Bytes.u64(256), b256), encode(Message.of(b256)));
        byte[] b300 = new byte[300];
        Arrays.fill(b300, (byte) 7);
        assertArrayEquals(Bytes.of(0x03, Bytes.u64(300), b300, 0x00, 0), encode(Message.of(b300, new byte[0])));
    }

    @Test
    void encodesEmptyFrames() {
        assertArrayEquals(Bytes.hex("00 00"), encode(Message.of(Frame.EMPTY)));
        assertArrayEquals(Bytes.hex("01 00 01 00 00 00"), encode(Message.of(Frame.EMPTY, Frame.EMPTY, Frame.EMPTY)));
    }

    @Test
    void encodedSizeCountsHeaders() {
        assertEquals(2 + 3 + 2 + 5, MessageEncoder.encodedSize(Message.of("abc", "part2")));
        assertEquals(2, MessageEncoder.encodedSize(Message.of(Frame.EMPTY)));
        assertEquals(2 + 255 + 9 + 256, MessageEncoder.encodedSize(Message.of(new byte[255], new byte[256])));
    }

    @Test
    void finishesAnEmptyLastFrameWithoutRoomLeft() {
        MessageEncoder encoder = new MessageEncoder();
        encoder.start(Message.of("abc", ""));
        ByteBuffer out = ByteBuffer.allocate(7);
        assertTrue(encoder.encodeTo(out));
        assertArrayEquals(Bytes.of(0x01, 3, "abc", 0x00, 0), out.array());
    }

    @Test
    void writesNothingIntoAFullBuffer() {
        MessageEncoder encoder = new MessageEncoder();
        encoder.start(Message.of("abc"));
        assertFalse(encoder.encodeTo(ByteBuffer.allocate(0)));
        ByteBuffer out = ByteBuffer.allocate(5);
        assertTrue(encoder.encodeTo(out));
        assertArrayEquals(Bytes.of(0x00, 3, "abc"), out.array());
    }

    @Test
    void batchesSeveralMessagesIntoOneBuffer() {
        MessageEncoder encoder = new MessageEncoder();
        ByteBuffer out = ByteBuffer.allocate(64);
        encoder.start(Message.of("a"));
        assertTrue(encoder.encodeTo(out));
        encoder.start(Message.of("b", "c"));
        assertTrue(encoder.encodeTo(out));
        out.flip();
        byte[] written = new byte[out.remaining()];
        out.get(written);
        assertArrayEquals(Bytes.of(0x00, 1, "a", 0x01, 1, "b", 0x00, 1, "c"), written);
    }

    @Test
    void enforcesItsStates() {
        MessageEncoder encoder = new MessageEncoder();
        assertTrue(encoder.isIdle());
        assertThrows(IllegalStateException.class, () -> encoder.encodeTo(ByteBuffer.allocate(10)));
        encoder.start(Message.of("hello"));
        assertFalse(encoder.isIdle());
        assertThrows(IllegalStateException.class, () -> encoder.start(Message.of("again")));
        assertFalse(encoder.encodeTo(ByteBuffer.allocate(3)));
        assertThrows(IllegalStateException.class, () -> encoder.start(Message.of("again")));
        assertTrue(encoder.encodeTo(ByteBuffer.allocate(4)));
        assertTrue(encoder.isIdle());
    }

    @Test
    void splitsAtEveryByteLikeAOneByteBuffer() {
        Message message = Message.of(Bytes.of("abc"), new byte[300], new byte[0]);
        assertArrayEquals(encode(message), encodeThrough(List.of(message), 1));
    }

    @Test
    void randomMessagesRoundTripThroughSevenByteBuffers() throws ZmtpProtocolException {
        Random random = new Random(20261121);
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            messages.add(randomMessage(random));
        }
        byte[] wire = encodeThrough(messages, 7);
        int expectedSize = messages.stream().mapToInt(MessageEncoder::encodedSize).sum();
        assertEquals(expectedSize, wire.length);

        Recorder recorder = new Recorder();
        FrameDecoder decoder = new FrameDecoder(-1);
        for (int at = 0; at < wire.length; at += 7) {
            ByteBuffer chunk = ByteBuffer.wrap(wire, at, Math.min(7, wire.length - at));
            decoder.decode(chunk, recorder);
            assertFalse(chunk.hasRemaining());
        }
        assertEquals(messages, recorder.events);
    }

    @Test
    void randomMessagesRoundTripThroughRandomBufferSizes() throws ZmtpProtocolException {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                messages.add(randomMessage(random));
            }
            byte[] wire = encodeThrough(messages, 1 + random.nextInt(9000));
            Recorder recorder = new Recorder();
            new FrameDecoder(-1).decode(ByteBuffer.wrap(wire), recorder);
            assertEquals(messages, recorder.events);
        }
    }
}
