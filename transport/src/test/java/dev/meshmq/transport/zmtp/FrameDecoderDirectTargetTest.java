package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshmq.Message;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FrameDecoder#directTarget}: when it lends the body, how much, and how the next decode counts it. */
class FrameDecoderDirectTargetTest {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    static byte[] body(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static byte[] longHeader(int flags, long size) {
        return Bytes.of(flags | 0x02, Bytes.u64(size));
    }

    @Test
    void lendsNothingOutsideABodyOrBelowTheMinimum() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        assertNull(decoder.directTarget(0), "waiting for flags");
        decoder.decode(ByteBuffer.wrap(new byte[] {0x02, 0, 0}), recorder);
        assertNull(decoder.directTarget(0), "inside the long size");
        decoder.decode(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 0}), recorder);
        assertEquals(FrameDecoder.State.BODY, decoder.state());
        assertNull(decoder.directTarget(257), "256 bytes to come, 257 asked");
        ByteBuffer target = decoder.directTarget(256);
        assertEquals(256, target.remaining());
        assertSame(target, decoder.directTarget(256), "the same loan until the next decode");
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 8191, 65536, 65537, 1 << 20, (1 << 20) + 1, 3 << 20})
    void aBodyFilledThroughLoansIsDeliveredOnce(int size) throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        byte[] body = body(size);
        decoder.decode(ByteBuffer.wrap(longHeader(0, size)), recorder);
        decoder.decode(ByteBuffer.wrap(body, 0, 5), recorder);
        int at = 5;
        while (at < size) {
            ByteBuffer target = decoder.directTarget(1);
            int count = Math.min(target.remaining(), 70_000);
            target.put(body, at, count);
            at += count;
            decoder.decode(NOTHING, recorder);
        }
        assertEquals(1, recorder.events.size());
        assertArrayEquals(body, ((Message) recorder.events.get(0)).first().toByteArray());
        assertEquals(FrameDecoder.State.FLAGS, decoder.state());
        assertNull(decoder.directTarget(0));
    }

    @Test
    void aLoanCountsBeforeTheBytesOfTheNextDecode() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        byte[] body = body(1000);
        decoder.decode(ByteBuffer.wrap(longHeader(0, 1000)), recorder);
        decoder.directTarget(1).put(body, 0, 600);
        // the rest of the body and a whole second frame in the buffer of the next decode
        byte[] rest = Bytes.of(Arrays.copyOfRange(body, 600, 1000), 0x00, 0x01, 0x7f);
        decoder.decode(ByteBuffer.wrap(rest), recorder);
        assertEquals(2, recorder.events.size());
        assertArrayEquals(body, ((Message) recorder.events.get(0)).first().toByteArray());
        assertArrayEquals(new byte[] {0x7f}, ((Message) recorder.events.get(1)).first().toByteArray());
    }

    @Test
    void anUnfilledLoanChangesNothing() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        decoder.decode(ByteBuffer.wrap(longHeader(0, 300)), recorder);
        decoder.directTarget(1);
        decoder.decode(NOTHING, recorder);
        assertEquals(300, decoder.directTarget(1).remaining());
        assertEquals(0, recorder.events.size());
    }

    @Test
    void aLoanIsAtMostTheDirectReadLimitAndGrowsTheBodyAsItFills() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        decoder.decode(ByteBuffer.wrap(longHeader(0, 5L << 20)), recorder);
        ByteBuffer first = decoder.directTarget(1);
        assertEquals(FrameDecoder.EAGER_BODY_BYTES, first.remaining(), "a huge claim starts small");
        first.position(first.limit());
        decoder.decode(NOTHING, recorder);
        long lent = FrameDecoder.EAGER_BODY_BYTES;
        while (lent < 5L << 20) {
            ByteBuffer target = decoder.directTarget(1);
            assertFalse(target.remaining() > FrameDecoder.MAX_DIRECT_READ);
            lent += target.remaining();
            target.position(target.limit());
            decoder.decode(NOTHING, recorder);
        }
        assertEquals(5L << 20, lent);
        assertEquals(1, recorder.events.size());
    }

    @Test
    void aCommandCanBeFilledThroughALoanToo() throws ZmtpProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1);
        Recorder recorder = new Recorder();
        byte[] command = Bytes.of(4, "PING", 0x00, 0x0a);
        decoder.decode(ByteBuffer.wrap(new byte[] {0x04, (byte) command.length}), recorder);
        decoder.directTarget(1).put(command);
        decoder.decode(NOTHING, recorder);
        assertEquals(1, recorder.events.size());
    }

    @Test
    void aFailedDecoderLendsNothing() {
        FrameDecoder decoder = new FrameDecoder(10);
        assertThrows(ZmtpProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(longHeader(0, 300)), new Recorder()));
        assertNull(decoder.directTarget(0));
    }
}
