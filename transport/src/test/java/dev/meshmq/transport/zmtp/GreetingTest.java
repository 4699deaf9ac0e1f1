package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GreetingTest {

    /** What libzmq 4.3.4 sends for NULL without a routing id (reference section 11). */
    private static final byte[] LIBZMQ_NULL_GREETING = Bytes.of(
            Bytes.hex("ff 00 00 00 00 00 00 00 01 7f 03 01"), "NULL", Bytes.zeros(16), 0, Bytes.zeros(31));

    private static byte[] written(String mechanism, boolean asServer) {
        ByteBuffer out = ByteBuffer.allocate(ZmtpWire.GREETING_SIZE);
        Greeting.write(out, mechanism, asServer);
        assertFalse(out.hasRemaining());
        return out.array();
    }

    private static Greeting decodeWhole(byte[] bytes) throws ZmtpProtocolException {
        return new GreetingDecoder().decode(ByteBuffer.wrap(bytes));
    }

    private static ZmtpProtocolException decodeFails(byte[] bytes) {
        return assertThrows(ZmtpProtocolException.class, () -> decodeWhole(bytes));
    }

    private static byte[] withMechanism(byte[] mechanismField) {
        byte[] bytes = LIBZMQ_NULL_GREETING.clone();
        System.arraycopy(mechanismField, 0, bytes, ZmtpWire.MECHANISM_OFFSET, ZmtpWire.MECHANISM_SIZE);
        return bytes;
    }

    @Test
    void writesTheGoldenNullGreeting() {
        assertArrayEquals(LIBZMQ_NULL_GREETING, written("NULL", false));
        assertEquals(64, LIBZMQ_NULL_GREETING.length);
    }

    @Test
    void writesMechanismAndAsServer() {
        byte[] bytes = written("PLAIN", true);
        assertArrayEquals(Bytes.of("PLAIN", Bytes.zeros(15)), Arrays.copyOfRange(bytes, 12, 32));
        assertEquals(1, bytes[32]);
        assertArrayEquals(Bytes.zeros(31), Arrays.copyOfRange(bytes, 33, 64));
    }

    @Test
    void writeRejectsSmallBufferWithoutWriting() {
        ByteBuffer out = ByteBuffer.allocate(63);
        assertThrows(BufferOverflowException.class, () -> Greeting.write(out, "NULL", false));
        assertEquals(0, out.position());
    }

    @Test
    void writeRejectsIllegalMechanisms() {
        ByteBuffer out = ByteBuffer.allocate(64);
        assertThrows(IllegalArgumentException.class, () -> Greeting.write(out, "", false));
        assertThrows(IllegalArgumentException.class, () -> Greeting.write(out, "null", false));
        assertThrows(IllegalArgumentException.class, () -> Greeting.write(out, "ABCDEFGHIJKLMNOPQRSTU", false));
        assertEquals(0, out.position());
        Greeting.write(out, "ABCDEFGHIJKLMNOPQRST", false);
        assertEquals(64, out.position());
    }

    @Test
    void roundTrip() throws ZmtpProtocolException {
        Greeting greeting = decodeWhole(written("CURVE", true));
        assertEquals(3, greeting.major());
        assertEquals(1, greeting.minor());
        assertEquals("CURVE", greeting.mechanism());
        assertTrue(greeting.asServer());
        assertEquals(new Greeting(3, 1, "CURVE", true), greeting);
    }

    @Test
    void decodesTheLibzmqGreeting() throws ZmtpProtocolException {
        assertEquals(new Greeting(3, 1, "NULL", false), decodeWhole(LIBZMQ_NULL_GREETING));
    }

    @Test
    void decodesOneByteAtATime() throws ZmtpProtocolException {
        GreetingDecoder decoder = new GreetingDecoder();
        Greeting greeting = null;
        for (int i = 0; i < 64; i++) {
            assertNull(greeting, "complete before byte " + i);
            ByteBuffer one = ByteBuffer.wrap(LIBZMQ_NULL_GREETING, i, 1);
            greeting = decoder.decode(one);
            assertFalse(one.hasRemaining());
            assertEquals(i + 1, decoder.bytesReceived());
        }
        assertEquals(new Greeting(3, 1, "NULL", false), greeting);
    }

    @Test
    void decodesSplitAtEveryOffset() throws ZmtpProtocolException {
        for (int split = 0; split <= 64; split++) {
            GreetingDecoder decoder = new GreetingDecoder();
            Greeting first = decoder.decode(ByteBuffer.wrap(LIBZMQ_NULL_GREETING, 0, split));
            if (split < 64) {
                assertNull(first, "split " + split);
            }
            Greeting second = decoder.decode(ByteBuffer.wrap(LIBZMQ_NULL_GREETING, split, 64 - split));
            assertEquals(new Greeting(3, 1, "NULL", false), second, "split " + split);
        }
    }

    @Test
    void leavesFrameBytesAfterTheGreetingInTheBuffer() throws ZmtpProtocolException {
        byte[] frames = Bytes.of(1, 3, "abc", 0, 5, "part2");
        for (int split = 0; split <= 64; split++) {
            GreetingDecoder decoder = new GreetingDecoder();
            decoder.decode(ByteBuffer.wrap(LIBZMQ_NULL_GREETING, 0, split));
            ByteBuffer rest = ByteBuffer.wrap(Bytes.of(Arrays.copyOfRange(LIBZMQ_NULL_GREETING, split, 64), frames));
            assertNotNull(decoder.decode(rest));
            assertEquals(64 - split, rest.position(), "split " + split);
            assertEquals(frames.length, rest.remaining());
        }
    }

    @Test
    void completedDecoderConsumesNothingMore() throws ZmtpProtocolException {
        GreetingDecoder decoder = new GreetingDecoder();
        Greeting greeting = decoder.decode(ByteBuffer.wrap(LIBZMQ_NULL_GREETING));
        ByteBuffer more = ByteBuffer.wrap(Bytes.hex("00 00"));
        assertSame(greeting, decoder.decode(more));
        assertEquals(0, more.position());
    }

    @Test
    void rejectsZeroFirstByteAtOnce() {
        GreetingDecoder decoder = new GreetingDecoder();
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(Bytes.hex("00"))));
        assertEquals(ProtocolError.BAD_GREETING, e.error());
        assertEquals(0x10000000, e.error().code());
        assertTrue(e.getMessage().contains("not a ZMTP 3.x peer"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> decoder.decode(ByteBuffer.wrap(LIBZMQ_NULL_GREETING)));
    }

    @Test
    void rejectsZmtp10ShortLengthPrefixedIdentity() {
        // ZMTP 1.0: identity frame with 1-byte length 0x01 and flags 0x00
        assertEquals(ProtocolError.BAD_GREETING, decodeFails(Bytes.hex("01 00")).error());
    }

    @Test
    void rejectsZmtp10LongLengthPrefixedIdentity() throws ZmtpProtocolException {
        // ZMTP 1.0 long length: ff, 8-byte length, flags byte 0x00 (bit 0 clear)
        byte[] bytes = Bytes.of(Bytes.hex("ff 00 00 00 00 00 00 01 01 00"), "x");
        GreetingDecoder decoder = new GreetingDecoder();
        assertNull(decoder.decode(ByteBuffer.wrap(bytes, 0, 9)));
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(bytes, 9, 1)));
        assertEquals(ProtocolError.BAD_GREETING, e.error());
        assertTrue(e.getMessage().contains("ZMTP 1.0"), e.getMessage());
    }

    @Test
    void rejectsByteNineWithBitZeroClear() {
        byte[] bytes = LIBZMQ_NULL_GREETING.clone();
        bytes[9] = 0x7E;
        assertEquals(ProtocolError.BAD_GREETING, decodeFails(bytes).error());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void rejectsMajorVersionsBelowThreeAsSoonAsTheMajorArrives(int major) throws ZmtpProtocolException {
        byte[] bytes = LIBZMQ_NULL_GREETING.clone();
        bytes[10] = (byte) major;
        GreetingDecoder decoder = new GreetingDecoder();
        assertNull(decoder.decode(ByteBuffer.wrap(bytes, 0, 10)));
        ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(bytes, 10, 1)));
        assertEquals(ProtocolError.UNSUPPORTED_VERSION, e.error());
        assertTrue(e.getMessage().contains("major version " + major), e.getMessage());
    }

    @Test
    void acceptsZmtp30AndHigherVersions() throws ZmtpProtocolException {
        byte[] v30 = LIBZMQ_NULL_GREETING.clone();
        v30[11] = 0;
        assertEquals(new Greeting(3, 0, "NULL", false), decodeWhole(v30));
        byte[] v40 = LIBZMQ_NULL_GREETING.clone();
        v40[10] = 4;
        v40[11] = 0;
        assertEquals(new Greeting(4, 0, "NULL", false), decodeWhole(v40));
    }

    @Test
    void neverValidatesPaddingAsServerOrFiller() throws ZmtpProtocolException {
        byte[] bytes = LIBZMQ_NULL_GREETING.clone();
        for (int i = 1; i <= 8; i++) {
            bytes[i] = (byte) (0x10 * i + 7);
        }
        bytes[9] = (byte) 0xFF;
        bytes[32] = 5;
        for (int i = 33; i < 64; i++) {
            bytes[i] = (byte) i;
        }
        assertEquals(new Greeting(3, 1, "NULL", true), decodeWhole(bytes));
    }

    @Test
    void acceptsAllMechanismCharacters() throws ZmtpProtocolException {
        byte[] bytes = withMechanism(Bytes.of("AZ09-_.+XYZ", Bytes.zeros(9)));
        assertEquals("AZ09-_.+XYZ", decodeWhole(bytes).mechanism());
        byte[] full = withMechanism(Bytes.of("ABCDEFGHIJKLMNOPQRST"));
        assertEquals("ABCDEFGHIJKLMNOPQRST", decodeWhole(full).mechanism());
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "NU LL", "NULL!", "PL\u00c4IN", "A/B"})
    void rejectsMechanismCharacters(String mechanism) {
        byte[] field = Arrays.copyOf(mechanism.getBytes(StandardCharsets.ISO_8859_1), 20);
        ZmtpProtocolException e = decodeFails(withMechanism(field));
        assertEquals(ProtocolError.BAD_GREETING, e.error());
        assertTrue(e.getMessage().contains("mechanism"), e.getMessage());
    }

    @Test
    void rejectsMechanismFailingAtTheBadByte() throws ZmtpProtocolException {
        byte[] bytes = withMechanism(Bytes.of("NU", 0x01, "L", Bytes.zeros(16)));
        GreetingDecoder decoder = new GreetingDecoder();
        assertNull(decoder.decode(ByteBuffer.wrap(bytes, 0, 14)));
        assertThrows(ZmtpProtocolException.class, () -> decoder.decode(ByteBuffer.wrap(bytes, 14, 1)));
    }

    @Test
    void rejectsEmptyMechanismAndBytesAfterThePadding() {
        assertEquals(ProtocolError.BAD_GREETING, decodeFails(withMechanism(Bytes.zeros(20))).error());
        byte[] garbage = withMechanism(Bytes.of("NULL", 0, "X", Bytes.zeros(14)));
        assertEquals(ProtocolError.BAD_GREETING, decodeFails(garbage).error());
    }
}
