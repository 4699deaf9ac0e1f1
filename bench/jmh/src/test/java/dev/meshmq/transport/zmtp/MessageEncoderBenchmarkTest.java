package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the encoder benchmark's setup and benchmark method directly, a few times, and checks the bytes. */
class MessageEncoderBenchmarkTest {

    @ParameterizedTest
    @CsvSource({"1, SINGLE", "64, SINGLE", "1024, SINGLE", "1, ENVELOPE", "64, ENVELOPE", "1024, ENVELOPE"})
    void encodesTheWholeBatchEveryTime(int size, MessageShape shape) {
        MessageEncoderBenchmark benchmark = new MessageEncoderBenchmark();
        benchmark.size = size;
        benchmark.shape = shape;
        benchmark.setUp();
        int header = size > ZmtpWire.MAX_SHORT_SIZE ? 9 : 2;
        int routingIdAndDelimiter = shape == MessageShape.ENVELOPE ? (2 + 5) + (2 + 0) : 0;
        int expected = MessageEncoderBenchmark.BATCH * (routingIdAndDelimiter + header + size);
        for (int round = 0; round < 3; round++) {
            assertEquals(expected, benchmark.encodeBatch(), "bytes written in round " + round);
            assertTrue(benchmark.encoder.isIdle());
        }
        int firstFlags = benchmark.out.get(0);
        if (shape == MessageShape.ENVELOPE) {
            assertEquals(ZmtpWire.FLAG_MORE, firstFlags, "routing id frame: MORE, short size");
            assertEquals(5, benchmark.out.get(1));
        } else if (size > ZmtpWire.MAX_SHORT_SIZE) {
            assertEquals(ZmtpWire.FLAG_LONG, firstFlags, "last frame, long size");
            assertEquals(size, benchmark.out.getLong(1));
        } else {
            assertEquals(0, firstFlags, "last frame, short size");
            assertEquals(size, benchmark.out.get(1));
        }
    }
}
