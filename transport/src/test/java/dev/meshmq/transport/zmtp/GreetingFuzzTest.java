package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;

/**
 * Coverage-guided fuzzing of {@link GreetingDecoder}: any bytes, cut into pieces of any size, give either a
 * greeting or a {@link ZmtpProtocolException} (BAD_GREETING, UNSUPPORTED_VERSION), never another exception;
 * no byte past the 64th is consumed; and the outcome does not depend on how the bytes were cut.
 *
 * <p>{@code mvn verify} replays the inputs under {@code GreetingFuzzTestInputs}; {@code JAZZER_FUZZ=1}
 * fuzzes (docs/FUZZING.md).
 */
class GreetingFuzzTest {

    private static final Set<ProtocolError> GREETING_ERRORS =
            EnumSet.of(ProtocolError.BAD_GREETING, ProtocolError.UNSUPPORTED_VERSION);

    @FuzzTest(maxDuration = "2h", maxExecutions = 10_000_000)
    void greetingInPieces(FuzzedDataProvider data) {
        byte[] cuts = data.consumeBytes(8);
        byte[] stream = data.consumeRemainingAsBytes();
        Outcome whole = decodeInPieces(stream, new byte[0]);
        Outcome pieces = decodeInPieces(stream, cuts);
        assertEquals(whole, pieces, "the outcome depends on how the bytes were cut");
    }

    /** What a decoder made of a stream: the greeting's fields, or the error, and the bytes it consumed. */
    private record Outcome(String greeting, ProtocolError error, int consumed) { }

    private static Outcome decodeInPieces(byte[] stream, byte[] cuts) {
        GreetingDecoder decoder = new GreetingDecoder();
        ByteBuffer in = ByteBuffer.wrap(stream);
        int cut = 0;
        while (true) {
            int size = cuts.length == 0 ? in.remaining() : 1 + (cuts[cut++ % cuts.length] & 0x3F);
            ByteBuffer piece = in.slice().limit(Math.min(size, in.remaining()));
            int before = decoder.bytesReceived();
            Greeting greeting;
            try {
                greeting = decoder.decode(piece);
            } catch (ZmtpProtocolException e) {
                assertTrue(GREETING_ERRORS.contains(e.error()), "unexpected reason " + e.error());
                assertThrows(IllegalStateException.class, () -> decoder.decode(ByteBuffer.allocate(1)));
                // how much of the failing piece was taken depends on the cut: not compared
                return new Outcome(null, e.error(), -1);
            }
            assertEquals(decoder.bytesReceived() - before, piece.position(), "consumed bytes not counted");
            assertTrue(decoder.bytesReceived() <= ZmtpWire.GREETING_SIZE, "consumed past the greeting");
            in.position(in.position() + piece.position());
            if (greeting != null) {
                return finished(decoder, greeting, in.position());
            }
            if (!in.hasRemaining()) {
                return new Outcome(null, null, in.position());
            }
        }
    }

    private static Outcome finished(GreetingDecoder decoder, Greeting greeting, int consumed) throws AssertionError {
        assertEquals(ZmtpWire.GREETING_SIZE, consumed);
        assertTrue(greeting.major() >= ZmtpWire.VERSION_MAJOR);
        String mechanism = greeting.mechanism();
        assertTrue(!mechanism.isEmpty() && mechanism.length() <= ZmtpWire.MECHANISM_SIZE, mechanism);
        mechanism.chars().forEach(c -> assertTrue(Greeting.isMechanismChar(c), mechanism));
        ByteBuffer more = ByteBuffer.wrap(new byte[] {1, 2, 3});
        try {
            assertSame(greeting, decoder.decode(more), "a finished decoder returns its greeting again");
        } catch (ZmtpProtocolException e) {
            throw new AssertionError("a finished decoder failed", e);
        }
        assertEquals(0, more.position(), "a finished decoder consumed frame bytes");
        assertNotNull(greeting.toString());
        return new Outcome(greeting.major() + "." + greeting.minor() + " " + mechanism + " " + greeting.asServer(),
                null, consumed);
    }
}
