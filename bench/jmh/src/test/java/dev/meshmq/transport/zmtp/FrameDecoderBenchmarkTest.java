package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jmh.infra.Blackhole;

/** Runs the decoder benchmark's setup and benchmark method directly, a few times, and checks what came out. */
class FrameDecoderBenchmarkTest {

    private static final int ROUNDS = 3;

    @ParameterizedTest
    @CsvSource({"1, SINGLE", "64, SINGLE", "1024, SINGLE", "1, ENVELOPE", "64, ENVELOPE", "1024, ENVELOPE"})
    void decodesEveryMessageOfTheBatchEveryTime(int size, MessageShape shape) throws ZmtpProtocolException {
        FrameDecoderBenchmark benchmark = new FrameDecoderBenchmark();
        benchmark.size = size;
        benchmark.shape = shape;
        benchmark.setUp();
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (int round = 1; round <= ROUNDS; round++) {
            benchmark.decodeBatch(blackhole);
            assertEquals((long) round * FrameDecoderBenchmark.BATCH, benchmark.handler.messages);
            assertFalse(benchmark.wire.hasRemaining(), "the whole buffer was consumed");
            assertFalse(benchmark.decoder.isInsideMessage());
            assertEquals(FrameDecoder.State.FLAGS, benchmark.decoder.state());
        }
        Message last = benchmark.handler.last;
        assertEquals(shape == MessageShape.ENVELOPE ? 3 : 1, last.size());
        Frame body = last.frame(last.size() - 1);
        assertEquals(size, body.size());
        byte[] expected = new byte[size];
        Arrays.fill(expected, (byte) (FrameDecoderBenchmark.BATCH - 1));
        assertEquals(Frame.of(expected), body, "the last message's body");
        if (shape == MessageShape.ENVELOPE) {
            assertEquals(5, last.frame(0).size());
            assertEquals(0, last.frame(1).size());
        }
    }
}
