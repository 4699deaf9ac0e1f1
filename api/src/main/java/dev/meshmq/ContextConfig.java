package dev.meshmq;

/**
 * Settings of a {@link Context}.
 *
 * <p>Thread-safety: immutable.
 */
public final class ContextConfig {

    private static final ContextConfig DEFAULTS = new ContextConfig(1);

    private final int ioThreads;

    private ContextConfig(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    /**
     * Returns the default settings: one I/O thread, as in libzmq.
     *
     * @return the defaults
     */
    public static ContextConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these settings with another number of I/O threads.
     *
     * @param count from 1 to 64; connections are spread over the threads
     * @return the new settings
     * @throws IllegalArgumentException if the count is out of range
     */
    public ContextConfig withIoThreads(int count) {
        if (count < 1 || count > 64) {
            throw new IllegalArgumentException("ioThreads must be between 1 and 64, not " + count);
        }
        return new ContextConfig(count);
    }

    /**
     * Returns the number of I/O threads.
     *
     * @return at least 1
     */
    public int ioThreads() {
        return ioThreads;
    }
}
