package dev.meshmq.bench;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this whole process has used (all threads, user and system), from
 * {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}, and the per-message arithmetic
 * the benchmarks share. Every process of a run measures its own timed window and divides by its own
 * message count; the figures of the processes are then summed ({@link #sum}).
 *
 * <p>Thread-safety: stateless; the underlying bean may be read from any thread.
 */
final class ProcessCpu {

    /** What {@link #nanos()} returns when the JVM cannot tell. */
    static final long UNAVAILABLE = -1;

    private ProcessCpu() {
    }

    /**
     * Returns the CPU time used by this process so far.
     *
     * @return nanoseconds, or {@link #UNAVAILABLE}
     */
    static long nanos() {
        java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean) {
            long nanos = ((com.sun.management.OperatingSystemMXBean) bean).getProcessCpuTime();
            return nanos >= 0 ? nanos : UNAVAILABLE;
        }
        return UNAVAILABLE;
    }

    /**
     * Returns CPU nanoseconds per message for one process's window.
     *
     * @param startNanos {@link #nanos()} at the start of the window
     * @param endNanos {@link #nanos()} at its end
     * @param messages the messages that process handled in the window
     * @return nanoseconds per message, or a negative number when a reading is unavailable or nothing
     *     was counted
     */
    static double perMessage(long startNanos, long endNanos, long messages) {
        if (startNanos < 0 || endNanos < startNanos || messages <= 0) {
            return UNAVAILABLE;
        }
        return (double) (endNanos - startNanos) / messages;
    }

    /**
     * Sums per-message figures of several processes.
     *
     * @param perProcess each process's figure from {@link #perMessage}
     * @return the sum, or a negative number if any process's figure is unavailable
     */
    static double sum(double... perProcess) {
        double total = 0;
        for (double figure : perProcess) {
            if (figure < 0) {
                return UNAVAILABLE;
            }
            total += figure;
        }
        return total;
    }

    /**
     * Parses a child's CPU figure from its report line.
     *
     * @param word the word on the line, as printed by the child ({@link #format})
     * @return the figure, negative when the child could not measure
     * @throws BenchFailure if the word is not a number
     */
    static double parse(String word) {
        try {
            return Double.parseDouble(word);
        } catch (NumberFormatException e) {
            throw new BenchFailure("the peer JVM reported CPU per message '" + word + "', not a number", e);
        }
    }

    /**
     * Formats a figure for a child's report line, losslessly enough for the parent.
     *
     * @param figure the figure
     * @return its text
     */
    static String format(double figure) {
        return Double.toString(figure);
    }
}
