package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** Runs the single-thread pipe benchmark directly; it throws itself if a message comes back out of order. */
class PipeBatchBenchmarkTest {

    @Test
    void returnsEveryMessageInOrderAndLeavesThePipeEmpty() {
        PipeBatchBenchmark benchmark = new PipeBatchBenchmark();
        benchmark.setUp();
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        for (int round = 1; round <= 3; round++) {
            benchmark.writeThenRead(blackhole);
            assertEquals(0, benchmark.pipe.size());
            assertEquals((long) round * PipeBatchBenchmark.BATCH, benchmark.pipe.messagesWritten());
        }
        assertNull(benchmark.pipe.read());
    }
}
