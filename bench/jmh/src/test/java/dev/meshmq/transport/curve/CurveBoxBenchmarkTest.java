package dev.meshmq.transport.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the box benchmark's methods directly and checks that every variant computes the same box. */
class CurveBoxBenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {64, 1024, 65536})
    void everyVariantSealsTheSameBoxAndOpenGivesThePlaintextBack(int size) throws BoxOpenException {
        CurveBoxBenchmark perMessage = benchmark(size);
        CurveBoxBenchmark reused = benchmark(size);
        reused.key = perMessage.key;
        reused.plain = perMessage.plain;
        reused.boxKey = new BoxKey(perMessage.key);
        CurveBoxBenchmark boxKey = reused;
        for (int round = 0; round < 3; round++) {
            byte[] expected = perMessage.bcPerMessageObjects();
            assertArrayEquals(expected, reused.bcReusedObjects().clone(), "round " + round);
            reused.counter--;
            assertArrayEquals(expected, boxKey.boxKeySeal(), "round " + round);
        }
        assertArrayEquals(perMessage.plain, perMessage.boxKeyOpen());
        perMessage.salsa20Only();
        perMessage.poly1305Only();
        perMessage.salsa20CoreOnly();
    }

    private static CurveBoxBenchmark benchmark(int size) {
        CurveBoxBenchmark benchmark = new CurveBoxBenchmark();
        benchmark.size = size;
        benchmark.setUp();
        return benchmark;
    }

    @Test
    void theCpuTimeRunnerRunsEveryVariantAtEverySize() throws BoxOpenException {
        CurveBoxCpuTime.main(new String[] {"0.005"});
    }
}
