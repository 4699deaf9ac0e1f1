package dev.meshmq.bench;

import java.util.List;

/**
 * {@code --background-load N}: N busy threads in a separate JVM ({@link SpinLoad}), started before the
 * first run and stopped after the last, so the figures show how each library fares when other work
 * competes for the processors. With N = 0 nothing is started.
 *
 * <p>Thread-safety: one owner thread starts and closes it.
 */
final class BackgroundLoad implements AutoCloseable {

    private static final double START_SECONDS = 60;
    private static final double STOP_SECONDS = 10;

    private final PeerProcess process;

    private BackgroundLoad(PeerProcess process) {
        this.process = process;
    }

    /**
     * Starts N spinning threads in a child JVM and waits until they run.
     *
     * @param threads N; 0 starts nothing
     * @return the load, to close after the last run
     * @throws BenchFailure if the child does not come up
     */
    static BackgroundLoad start(int threads) {
        if (threads == 0) {
            return new BackgroundLoad(null);
        }
        PeerProcess process = PeerProcess.start(List.of(SpinLoad.COMMAND, "--threads", Integer.toString(threads)));
        try {
            process.awaitLine(SpinLoad.READY, START_SECONDS);
        } catch (BenchFailure e) {
            process.close();
            throw new BenchFailure("the background load JVM did not start: " + e.getMessage(), e);
        }
        return new BackgroundLoad(process);
    }

    /**
     * Returns the child's process id.
     *
     * @return the pid, or -1 when no load runs
     */
    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Closes the child's stdin so its threads stop, and kills it if it has not exited soon after. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.endInput();
        if (!process.awaitExit(STOP_SECONDS)) {
            process.close();
        }
    }
}
