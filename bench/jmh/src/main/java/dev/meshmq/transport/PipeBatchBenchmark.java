package dev.meshmq.transport;

import dev.meshmq.Message;
import dev.meshmq.jmh.BenchmarkDefaults;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of {@link Pipe}'s queue alone: one thread writes a batch of {@value #BATCH} messages, then
 * reads them all back, checking they come out in order. The pipe never runs empty on a read nor
 * reaches its high-water mark ({@value #HWM}) on a write, so no wake-up is armed or run; what is left
 * is the SPSC queue and the volatile counters. One operation is one message written and read.
 *
 * <p>Threading: {@link Scope#Thread} state; each benchmark thread has its own pipe and is both its
 * writer and its reader. Not final: JMH subclasses it.
 */
@State(Scope.Thread)
public class PipeBatchBenchmark extends BenchmarkDefaults {

    /** Messages written, then read, per invocation. */
    static final int BATCH = 64;

    /** The pipe's high-water mark: the sockets' default, well above the batch. */
    static final int HWM = 1000;

    private static final int BODY_SIZE = 64;

    final Pipe pipe = new Pipe(HWM);
    final Message[] messages = new Message[BATCH];

    /** Builds the batch (distinct messages, so order can be checked) and silences the wake-ups. */
    @Setup
    public void setUp() {
        pipe.registerReader(() -> { });
        pipe.registerWriter(() -> { });
        for (int i = 0; i < BATCH; i++) {
            messages[i] = Message.of(new byte[BODY_SIZE]);
        }
    }

    /**
     * Writes the batch, then reads it back.
     *
     * @param blackhole takes every message read
     * @throws IllegalStateException if a write is refused or a message comes back out of order
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void writeThenRead(Blackhole blackhole) {
        for (Message message : messages) {
            if (!pipe.write(message)) {
                throw new IllegalStateException("pipe refused a write below its high-water mark");
            }
        }
        for (Message expected : messages) {
            Message message = pipe.read();
            if (message != expected) {
                throw new IllegalStateException("pipe returned " + message + " out of order");
            }
            blackhole.consume(message);
        }
    }
}
