package dev.meshmq.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The state of the machine a set of figures was taken in: date, JDK, cores, the one-minute load
 * average, the bench's own background load (busy threads in a separate JVM) and MeshMQ's spin
 * setting. Printed above the table, as a comment line above CSV, and in a report's caption.
 *
 * <p>Thread-safety: immutable.
 */
final class MachineState {

    final String date;
    final String jdk;
    final int cores;
    final double loadAverage;
    final int backgroundLoad;
    final int spinUs;

    private MachineState(int backgroundLoad, int spinUs) {
        this.date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        this.jdk = System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
        this.cores = Runtime.getRuntime().availableProcessors();
        this.loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        this.backgroundLoad = backgroundLoad;
        this.spinUs = spinUs;
    }

    /**
     * Takes the state now.
     *
     * @param options the command line (background load and spin)
     * @return the state
     */
    static MachineState now(BenchOptions options) {
        return new MachineState(options.backgroundLoad, options.spinUs);
    }

    /**
     * Returns the one-minute load average as text.
     *
     * @return two decimals, or "n/a" where the system does not tell
     */
    String load() {
        return loadAverage < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", loadAverage);
    }

    /**
     * Returns MeshMQ's spin setting as text.
     *
     * @return "default" or the microseconds given with {@code --spin-us}
     */
    String spin() {
        return spinUs == BenchOptions.DEFAULT_SPIN ? "default" : Integer.toString(spinUs);
    }

    /**
     * Tells whether other work kept the processors busy: a one-minute load average at or above the
     * number of cores (the bench's own background load, if any, counts as well).
     *
     * @return true when the machine was busy
     */
    boolean busy() {
        return loadAverage >= cores;
    }

    /**
     * Returns a one-line human description.
     *
     * @return the description
     */
    String describe() {
        return date + ", JDK " + jdk + ", " + cores + " cores, load average " + load() + " (1 min, at start), "
                + "background load " + backgroundLoad + " busy thread" + (backgroundLoad == 1 ? "" : "s")
                + ", MeshMQ spin " + (spinUs == BenchOptions.DEFAULT_SPIN ? "default" : spinUs + " µs");
    }

    /**
     * Returns the CSV comment line: {@code # machine: key=value ...} (no commas, so a reader that skips
     * {@code #} lines sees only the data).
     *
     * @return the line
     */
    String csvComment() {
        return "# machine: date=" + date + " jdk=" + System.getProperty("java.version") + " cores=" + cores
                + " load_average_1m=" + load() + " background_load=" + backgroundLoad + " meshmq_spin_us=" + spin();
    }
}
