package dev.meshmq.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Decides whether a context's waiting threads (I/O threads polling their selector, application threads
 * checking their socket) may spin before they block. Spinning pays only while the machine has a processor
 * to spare: a thread that blocks and is woken is let onto a busy processor at once by the scheduler, a
 * thread that keeps running (spinning) is not, so on an oversubscribed machine spinning makes every hand-off
 * slower and burns the time the other threads need. The governor looks, at most every 100 ms, at how many
 * threads the kernel has runnable ({@code /proc/loadavg}), takes away this context's own spinning threads,
 * and forbids spinning until the next look while the rest exceed the processor count. Where
 * {@code /proc/loadavg} cannot be read, spinning is always allowed.
 *
 * <p>Thread-safety: safe for any thread; lock-free. One thread at a time reads the file (the one that wins
 * the sample's compare-and-set); the others use the last verdict.
 */
public final class SpinGovernor {

    /** How often the runnable count is read. */
    static final long SAMPLE_NANOS = 100_000_000L;
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private final int processors;
    private final AtomicInteger spinning = new AtomicInteger();
    private final AtomicLong nextSample = new AtomicLong(System.nanoTime());
    private volatile boolean allowed = true;
    private final IntSupplier runnable;
    private volatile boolean readable;

    /** Creates a governor that watches this machine's runnable threads against its processor count. */
    public SpinGovernor() {
        this(Runtime.getRuntime().availableProcessors(), SpinGovernor::runnableThreads);
    }

    /**
     * Creates a governor with its own source of the runnable count.
     *
     * @param processors the processor count to compare with
     * @param runnable the machine's runnable threads now, -1 if unknown (then never asked again); null for a
     *     governor that always allows
     */
    SpinGovernor(int processors, IntSupplier runnable) {
        this.processors = processors;
        this.runnable = runnable;
        this.readable = runnable != null;
    }

    /**
     * Returns a governor that always allows spinning (for a waiter or an I/O thread outside a context).
     *
     * @return a new governor that never looks at the machine
     */
    public static SpinGovernor always() {
        return new SpinGovernor(1, null);
    }

    /**
     * A thread is about to spin: returns whether it may. One that may must call {@link #spinEnded} when it
     * stops spinning.
     *
     * @return true to spin, false to block at once
     */
    public boolean trySpin() {
        long now = System.nanoTime();
        long next = nextSample.get();
        if (readable && now - next >= 0 && nextSample.compareAndSet(next, now + SAMPLE_NANOS)) {
            int count = runnable.getAsInt();
            readable = count >= 0;
            allowed = decide(count);
        }
        if (!allowed) {
            return false;
        }
        spinning.incrementAndGet();
        return true;
    }

    /** A thread that {@link #trySpin} allowed has stopped spinning. */
    public void spinEnded() {
        spinning.decrementAndGet();
    }

    /** The verdict for a runnable count; -1 (unknown) allows. */
    boolean decide(int runnable) {
        if (runnable < 0) {
            return true;
        }
        // the thread reading the file counts itself as runnable, and is not spinning yet
        int others = runnable - 1 - spinning.get();
        return others <= processors;
    }

    /** The kernel's count of runnable threads now (the 4th field's numerator), or -1 if unknown. */
    private static int runnableThreads() {
        try {
            String text = new String(Files.readAllBytes(LOADAVG), StandardCharsets.US_ASCII);
            String[] fields = text.trim().split(" ");
            return Integer.parseInt(fields[3].substring(0, fields[3].indexOf('/')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
