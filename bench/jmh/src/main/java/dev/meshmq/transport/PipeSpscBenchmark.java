package dev.meshmq.transport;

import dev.meshmq.Message;
import dev.meshmq.jmh.BenchmarkDefaults;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Pipe} between two threads, as between a socket's caller thread and an I/O thread: in the
 * group {@code spsc} one thread calls {@link #writer} and another {@link #reader}, each as fast as it
 * can. Neither ever blocks: a write refused at the high-water mark ({@value #HWM}, large so that it is
 * rare) and a read of an empty pipe return at once and are counted, so the benchmark cannot deadlock
 * however the two threads are scheduled. The wake-ups are no-ops, so what is measured is the queue,
 * the counters and the arming of wake-ups (a compare-and-set), not what a wake-up would post.
 *
 * <p>Read the secondary result {@code spsc:messagesRead} (messages through the pipe per microsecond);
 * the primary {@code spsc} score counts calls, refused and empty ones included. {@code writesRefused}
 * and {@code readsEmpty} show how often one side waited for the other.
 *
 * <p>Threading: the pipe is {@link Scope#Group} state, shared by exactly one writer thread and one
 * reader thread ({@code @GroupThreads(1)} each), which is Pipe's contract; the counters are
 * {@link Scope#Thread} state. Not final: JMH subclasses it.
 */
@State(Scope.Group)
public class PipeSpscBenchmark extends BenchmarkDefaults {

    /** The pipe's high-water mark, in messages. */
    static final int HWM = 100_000;

    private static final int BODY_SIZE = 64;

    final Pipe pipe = new Pipe(HWM);
    final Message message = Message.of(new byte[BODY_SIZE]);

    /** Silences the wake-ups: neither thread ever waits for one. */
    @Setup
    public void setUp() {
        pipe.registerReader(() -> { });
        pipe.registerWriter(() -> { });
    }

    /**
     * Writes one message, or counts the refusal when the pipe is at its high-water mark.
     *
     * @param counts this thread's counters
     * @return whether the message was queued
     */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public boolean writer(Counts counts) {
        if (pipe.write(message)) {
            counts.messagesWritten++;
            return true;
        }
        counts.writesRefused++;
        return false;
    }

    /**
     * Reads one message, or counts the miss when the pipe is empty.
     *
     * @param counts this thread's counters
     * @return the message, or null
     */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public Message reader(Counts counts) {
        Message read = pipe.read();
        if (read == null) {
            counts.readsEmpty++;
        } else {
            counts.messagesRead++;
        }
        return read;
    }

    /**
     * Per-thread event counts that JMH reports as rates next to the primary score; the writer's
     * thread moves only the write counters and the reader's only the read counters.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        /** Messages the pipe accepted. */
        public long messagesWritten;
        /** Writes refused at the high-water mark. */
        public long writesRefused;
        /** Messages taken from the pipe. */
        public long messagesRead;
        /** Reads that found the pipe empty. */
        public long readsEmpty;

        /** Starts each iteration from zero, as JMH expects of auxiliary counters. */
        @Setup(Level.Iteration)
        public void reset() {
            messagesWritten = 0;
            writesRefused = 0;
            messagesRead = 0;
            readsEmpty = 0;
        }
    }
}
