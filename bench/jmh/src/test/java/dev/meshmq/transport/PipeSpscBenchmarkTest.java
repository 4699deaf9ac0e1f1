package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs the two-thread pipe benchmark's writer and reader methods from one thread, in turns, through
 * the high-water mark and an empty pipe: neither blocks, and every event lands in its counter.
 */
class PipeSpscBenchmarkTest {

    @Test
    void countsMessagesRefusalsAndEmptyReadsWithoutBlocking() {
        PipeSpscBenchmark benchmark = new PipeSpscBenchmark();
        benchmark.setUp();
        PipeSpscBenchmark.Counts writer = new PipeSpscBenchmark.Counts();
        PipeSpscBenchmark.Counts reader = new PipeSpscBenchmark.Counts();
        for (int i = 0; i < PipeSpscBenchmark.HWM; i++) {
            assertTrue(benchmark.writer(writer));
        }
        assertFalse(benchmark.writer(writer), "refused at the high-water mark");
        for (int i = 0; i < PipeSpscBenchmark.HWM; i++) {
            assertSame(benchmark.message, benchmark.reader(reader));
        }
        assertNull(benchmark.reader(reader), "empty");
        assertTrue(benchmark.writer(writer), "room again after the reader drained the pipe");
        assertSame(benchmark.message, benchmark.reader(reader));

        assertEquals(PipeSpscBenchmark.HWM + 1, writer.messagesWritten);
        assertEquals(1, writer.writesRefused);
        assertEquals(PipeSpscBenchmark.HWM + 1, reader.messagesRead);
        assertEquals(1, reader.readsEmpty);
        assertEquals(0, writer.messagesRead + writer.readsEmpty + reader.messagesWritten + reader.writesRefused);
        reader.reset();
        assertEquals(0, reader.messagesRead + reader.readsEmpty);
    }
}
