package dev.meshmq.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every MeshMQ benchmark inherits (JMH reads these annotations from superclasses):
 * throughput in operations per microsecond, one fork, three 1 s warm-up iterations and five 1 s
 * measured ones, so that the whole suite runs in a few minutes on two cores. Command-line flags
 * ({@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r}) override them.
 *
 * <p>Threading: no state of its own; each subclass states its own scope with {@code @State}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class BenchmarkDefaults {
}
