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
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final byte[] B300 = randomBytes(300, 1);
    private static final byte[] B70K = randomBytes(70_000, 2);
    private static final byte[] B255 = randomBytes(255, 3);
    private static final byte[] DEALER_READY = Bytes.of(0x04, 0x29, 5, "READY", 0x0b, "Socket-Type",
            Bytes.u32(6), "DEALER", 8, "Identity", Bytes.u32(0));

    /** A stream mixing every kind of frame, and what it decodes to. */
    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();
    private final List<Object> expected = new ArrayList<>();

    FrameDecoderTest() {
        add(Bytes.of(0x01, 3, "abc", 0x00, 5, "part2"), Message.of("abc", "part2"));
        add(Bytes.of(0x00, 0), Message.of(Frame.EMPTY));
        add(Bytes.of(0x04, 0x07, 4, "PING", 0x00, 0x19), "PING 00 19");
        add(Bytes.of(0x02, Bytes.u64(300), B300), Message.of(B300));
        add(Bytes.of(0x01, 0), null);
        add(Bytes.of(0x04, 0x0c, 9, "SUBSCRIBE", "ab"), "SUBSCRIBE 61 62");
        add(Bytes.of(0x03, Bytes.u64(70_000), B70K, 0x00, 0), Message.of(new byte[0], B70K, new byte[0]));
        add(Bytes.of(0x02, Bytes.u64(5), "hello"), Message.of("hello"));
        add(Bytes.of(0x08, 2, "hi"), Message.of("hi"));
        add(DEALER_READY, Recorder.describe(parseFrame(DEALER_READY)));
        add(Bytes.of(0x00, 0xff, B255), Message.of(B255));
        add(Bytes.of(0x04, 0x05, 4, "PONG"), "PONG ");
        add(Bytes.of(0x00, 1, "x"), Message.of("x"));
    }

    private void add(byte[] bytes, Object event) {
        stream.writeBytes(bytes);
        if (event != null) {
            expected.add(event);
        }
    }

    private static Command parseFrame(byte[] frame) {
        try {
            return CommandTest.parseFrame(frame);
        } catch (ZmtpProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static List<Object> decodeInChunks(byte[] bytes, int... cuts) throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        int from = 0;
        for (int cut : cuts) {
            ByteBuffer chunk = ByteBuffer.wrap(bytes, from, cut - from);
            decoder.decode(chunk, recorder);
            assertFalse(chunk.hasRemaining());
            from = cut;
        }
        ByteBuffer last = ByteBuffer.wrap(bytes, from, bytes.length - from);
        decoder.decode(last, recorder);
        assertFalse(last.hasRemaining());
        assertEquals(FrameDecoder.State.FLAGS, decoder.state());
        assertFalse(decoder.isInsideMessage());
        return recorder.events;
    }

    private static ZmtpProtocolException decodeFails(long maxMessageSize, byte[] bytes) {
        FrameDecoder decoder = new FrameDecoder(maxMessageSize);
        return assertThrows(ZmtpProtocolException.class, () -> decoder.decode(ByteBuffer.wrap(bytes), new Recorder()));
    }

    @Test
    void decodesTheMixedStreamWhole() throws ZmtpProtocolException {
        assertEquals(expected, decodeInChunks(stream.toByteArray()));
    }

    @Test
    void decodesTheMixedStreamOneByteAtATime() throws ZmtpProtocolException {
        byte[] bytes = stream.toByteArray();
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        for (int i = 0; i < bytes.length; i++) {
            ByteBuffer one = ByteBuffer.wrap(bytes, i, 1);
            decoder.decode(one, recorder);
            assertFalse(one.hasRemaining());
        }
        assertEquals(expected, recorder.events);
    }

    @Test
    void decodesTheMixedStreamSplitAtEveryOffset() throws ZmtpProtocolException {
        byte[] bytes = stream.toByteArray();
        for (int split = 0; split <= bytes.length; split++) {
            List<Object> events = decodeInChunks(bytes, split);
            if (!expected.equals(events)) {
                assertEquals(expected, events, "split at " + split);
            }
        }
    }

    @Test
    void decodesTheMixedStreamInRandomChunks() throws ZmtpProtocolException {
        byte[] bytes = stream.toByteArray();
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            List<Integer> cuts = new ArrayList<>();
            int at = 0;
            while (true) {
                at += random.nextInt(round % 2 == 0 ? 20 : 5000);
                if (at >= bytes.length) {
                    break;
                }
                cuts.add(at);
            }
            assertEquals(expected, decodeInChunks(bytes, cuts.stream().mapToInt(Integer::intValue).toArray()));
        }
    }

    @Test
    void pausesAfterEveryItemAndResumesExactlyThere() throws ZmtpProtocolException {
        byte[] bytes = stream.toByteArray();
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        recorder.pauseAlways = true;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int calls = 0;
        while (in.hasRemaining()) {
            decoder.decode(in, recorder);
            calls++;
            assertEquals(calls, recorder.events.size(), "one item per call");
        }
        assertEquals(expected, recorder.events);
    }

    @Test
    void pauseLeavesTheRemainingBytesInTheBuffer() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        recorder.pauseAt = 1;
        ByteBuffer in = ByteBuffer.wrap(Bytes.of(0, 1, "a", 0, 1, "b", 0, 1, "c"));
        decoder.decode(in, recorder);
        assertEquals(List.of(Message.of("a")), recorder.events);
        assertEquals(3, in.position());
        assertEquals(FrameDecoder.State.FLAGS, decoder.state());
        decoder.decode(in, recorder);
        assertEquals(List.of(Message.of("a"), Message.of("b"), Message.of("c")), recorder.events);
        assertFalse(in.hasRemaining());
    }

    @Test
    void commandBetweenFramesOfAMessageCanPause() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        recorder.pauseAt = 1;
        ByteBuffer in = ByteBuffer.wrap(Bytes.of(0x01, 1, "a", 0x04, 0x05, 4, "PONG", 0x00, 1, "b"));
        decoder.decode(in, recorder);
        assertEquals(List.of("PONG "), recorder.events);
        assertTrue(decoder.isInsideMessage());
        assertEquals(3, in.remaining());
        decoder.decode(in, recorder);
        assertEquals(List.of("PONG ", Message.of("a", "b")), recorder.events);
        assertFalse(decoder.isInsideMessage());
    }

    @Test
    void pausesOnAZeroLengthFrameEndingTheBuffer() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        recorder.pauseAlways = true;
        ByteBuffer in = ByteBuffer.wrap(Bytes.of(0x00, 0, 0x00, 0));
        decoder.decode(in, recorder);
        assertEquals(2, in.position());
        decoder.decode(in, recorder);
        assertEquals(List.of(Message.of(Frame.EMPTY), Message.of(Frame.EMPTY)), recorder.events);
    }

    @Test
    void reportsItsStates() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        assertEquals(FrameDecoder.State.FLAGS, decoder.state());
        decoder.decode(ByteBuffer.wrap(Bytes.of(0x01)), recorder);
        assertEquals(FrameDecoder.State.SHORT_SIZE, decoder.state());
        decoder.decode(ByteBuffer.wrap(Bytes.of(3)), recorder);
        assertEquals(FrameDecoder.State.BODY, decoder.state());
        assertFalse(decoder.isInsideMessage());
        decoder.decode(ByteBuffer.wrap(Bytes.of("ab")), recorder);
        assertEquals(FrameDecoder.State.BODY, decoder.state());
        decoder.decode(ByteBuffer.wrap(Bytes.of("c")), recorder);
        assertEquals(FrameDecoder.State.FLAGS, decoder.state());
        assertTrue(decoder.isInsideMessage());
        decoder.decode(ByteBuffer.wrap(Bytes.of(0x02, 0, 0, 0)), recorder);
        assertEquals(FrameDecoder.State.LONG_SIZE, decoder.state());
        decoder.decode(ByteBuffer.wrap(Bytes.of(0, 0, 0, 0, 0)), recorder);
        assertEquals(FrameDecoder.State.FLAGS, decoder.state());
        assertEquals(List.of(Message.of(Bytes.of("abc"), new byte[0])), recorder.events);
        assertFalse(decoder.isInsideMessage());
    }

    @Test
    void rejectsCommandWithMoreAtTheFlagsByte() {
        for (int flags : new int[] {0x05, 0x07, 0x0d}) {
            ZmtpProtocolException e = decodeFails(-1, Bytes.of(flags));
            assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, e.error());
            assertTrue(e.getMessage().contains("MORE"), e.getMessage());
        }
    }

    @Test
    void rejectsMalformedCommandFrames() {
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, decodeFails(-1, Bytes.of(0x04, 3, 5, "RE")).error());
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, decodeFails(-1, Bytes.of(0x04, 1, 0)).error());
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, decodeFails(-1, Bytes.of(0x04, 0)).error());
    }

    @Test
    void passesOnErrorsOfTheHandler() {
        FrameHandler readsReady = new FrameHandler() {
            @Override
            public boolean onMessage(Message message) {
                return true;
            }

            @Override
            public boolean onCommand(Command command) throws ZmtpProtocolException {
                command.readyProperties();
                return true;
            }
        };
        byte[] truncatedValueLength = Bytes.of(0x04, 0x13, 5, "READY", 0x0b, "Socket-Type", 0, 0);
        ZmtpProtocolException truncated = assertThrows(ZmtpProtocolException.class,
                () -> new FrameDecoder(-1).decode(ByteBuffer.wrap(truncatedValueLength), readsReady));
        assertEquals(ProtocolError.MALFORMED_COMMAND_READY, truncated.error());
        byte[] badName = Bytes.of(0x04, 0x19, 5, "READY", 0x0b, "Socket/Type", Bytes.u32(3), "REP");
        ZmtpProtocolException invalid = assertThrows(ZmtpProtocolException.class,
                () -> new FrameDecoder(-1).decode(ByteBuffer.wrap(badName), readsReady));
        assertEquals(ProtocolError.INVALID_METADATA, invalid.error());
    }

    @Test
    void rejectsHugeAndTopBitSizes() {
        ZmtpProtocolException huge = decodeFails(-1, Bytes.of(0x02, Bytes.u64(1L << 62)));
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE, huge.error());
        assertTrue(huge.getMessage().contains("4611686018427387904"), huge.getMessage());
        ZmtpProtocolException topBit = decodeFails(-1, Bytes.of(0x02, Bytes.u64(Long.MIN_VALUE)));
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE, topBit.error());
        assertTrue(topBit.getMessage().contains("9223372036854775808"), topBit.getMessage());
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE,
                decodeFails(-1, Bytes.of(0x02, Bytes.u64(Integer.MAX_VALUE - 15L))).error());
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE,
                decodeFails(-1, Bytes.of(0x06, Bytes.u64(-1L))).error());
    }

    @Test
    void acceptsTheLargestFrameSizeHeader() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        decoder.decode(ByteBuffer.wrap(Bytes.of(0x02, Bytes.u64(Integer.MAX_VALUE - 16L), "x")), new Recorder());
        assertEquals(FrameDecoder.State.BODY, decoder.state());
    }

    @Test
    void enforcesMaxMessageSizeOnOneFrame() throws ZmtpProtocolException {
        ZmtpProtocolException e = decodeFails(1024, Bytes.of(0x02, Bytes.u64(1025)));
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE, e.error());
        assertEquals("frame claims 1025 bytes, more than MAX_MESSAGE_SIZE 1024", e.getMessage());
        ZmtpProtocolException claim = decodeFails(1024, Bytes.of(0x02, Bytes.u64(1L << 62)));
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE, claim.error());
        Recorder recorder = new Recorder();
        new FrameDecoder(1024).decode(ByteBuffer.wrap(Bytes.of(0x02, Bytes.u64(1024), new byte[1024])), recorder);
        assertEquals(List.of(Message.of(new byte[1024])), recorder.events);
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE, decodeFails(0, Bytes.of(0x00, 1)).error());
    }

    @Test
    void enforcesMaxMessageSizeOnEachFrameBeforeTheBodyArrives() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(10);
        Recorder recorder = new Recorder();
        decoder.decode(ByteBuffer.wrap(Bytes.of(0x01, 6, "123456", 0x00)), recorder);
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(Bytes.of(11)), recorder));
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE, e.error());
        assertTrue(e.getMessage().contains("11 bytes, more than MAX_MESSAGE_SIZE 10"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> decoder.decode(ByteBuffer.wrap(Bytes.of(0)), recorder));
    }

    @Test
    void maxMessageSizeLimitsFramesNotTheirSumAsLibzmqDoes() throws ZmtpProtocolException {
        Recorder recorder = new Recorder();
        byte[] bytes = Bytes.of(0x01, 6, "123456", 0x04, 0x0c, 9, "SUBSCRIBE", "ab", 0x00, 10, "7890abcdef",
                0x00, 10, "abcdefghij");
        new FrameDecoder(10).decode(ByteBuffer.wrap(bytes), recorder);
        assertEquals(List.of("SUBSCRIBE 61 62", Message.of("123456", "7890abcdef"), Message.of("abcdefghij")),
                recorder.events);
    }

    /**
     * Under CURVE (raw frames) every frame is a MESSAGE box that may hold a data frame, so a command frame
     * is held to MAX_MESSAGE_SIZE as a data frame is, box included, as libzmq holds its CURVE frames; in
     * clear text a command frame is not.
     */
    @Test
    void rawFramesHoldCommandFramesToMaxMessageSizeToo() throws ZmtpProtocolException {
        byte[] atLimit = Bytes.of(7, "MESSAGE", new byte[92]);
        byte[] overLimit = Bytes.of(7, "MESSAGE", new byte[93]);
        FrameDecoder raw = new FrameDecoder(100);
        raw.handFramesRaw();
        Recorder recorder = new Recorder();
        raw.decode(ByteBuffer.wrap(Bytes.of(0x04, 100, atLimit)), recorder);
        assertEquals(List.of("MESSAGE " + Bytes.toHex(new byte[92])), recorder.events);
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> raw.decode(ByteBuffer.wrap(Bytes.of(0x04, 101, overLimit)), recorder));
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE, e.error());
        assertEquals("command frame claims 101 bytes, more than MAX_MESSAGE_SIZE 100", e.getMessage());
        FrameDecoder rawData = new FrameDecoder(100);
        rawData.handFramesRaw();
        Recorder boxes = new Recorder();
        rawData.decode(ByteBuffer.wrap(Bytes.of(0x00, 100, atLimit)), boxes);
        assertEquals(List.of("RAW " + Bytes.toHex(atLimit)), boxes.events);
        assertEquals(ProtocolError.MESSAGE_TOO_LARGE, assertThrows(ZmtpProtocolException.class,
                () -> rawData.decode(ByteBuffer.wrap(Bytes.of(0x00, 101, overLimit)), boxes)).error());
        Recorder clear = new Recorder();
        new FrameDecoder(100).decode(ByteBuffer.wrap(Bytes.of(0x04, 101, overLimit)), clear);
        assertEquals(1, clear.events.size(), "in clear text a command is not held to MAX_MESSAGE_SIZE");
    }

    @Test
    void limitsCommandSize() throws ZmtpProtocolException {
        ZmtpProtocolException e = decodeFails(-1, Bytes.of(0x06, Bytes.u64(FrameDecoder.MAX_COMMAND_SIZE + 1L)));
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, e.error());
        FrameDecoder decoder = new FrameDecoder(-1);
        decoder.decode(ByteBuffer.wrap(Bytes.of(0x06, Bytes.u64(FrameDecoder.MAX_COMMAND_SIZE))), new Recorder());
        assertEquals(FrameDecoder.State.BODY, decoder.state());
    }

    @Test
    void handlerCanRejectACommand() {
        FrameHandler rejecting = new FrameHandler() {
            @Override
            public boolean onMessage(Message message) {
                return true;
            }

            @Override
            public boolean onCommand(Command command) throws ZmtpProtocolException {
                throw new ZmtpProtocolException(ProtocolError.UNEXPECTED_COMMAND, "no " + command.name());
            }
        };
        FrameDecoder decoder = new FrameDecoder(-1);
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(Bytes.of(0x04, 0x05, 4, "PONG")), rejecting));
        assertEquals(ProtocolError.UNEXPECTED_COMMAND, e.error());
        assertThrows(IllegalStateException.class, () -> decoder.decode(ByteBuffer.allocate(1), rejecting));
    }

    @Test
    void rejectsNegativeLimits() {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(-2));
    }

    @Test
    void growsLargeBodiesCorrectly() throws ZmtpProtocolException {
        byte[] body = randomBytes(3 * 1024 * 1024 + 17, 9);
        byte[] bytes = Bytes.of(0x02, Bytes.u64(body.length), body);
        Random random = new Random(11);
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        int at = 0;
        while (at < bytes.length) {
            int count = Math.min(bytes.length - at, 1 + random.nextInt(200_000));
            decoder.decode(ByteBuffer.wrap(bytes, at, count), recorder);
            at += count;
        }
        assertEquals(1, recorder.events.size());
        assertArrayEquals(body, ((Message) recorder.events.get(0)).first().toByteArray());
    }
}
