package dev.meshmq.transport;

import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that never throws: what the logging backend throws is dropped. The I/O
 * threads log on their failure paths, and a backend can fail exactly when things go wrong (out of
 * file descriptors, java.util.logging's formatter cannot load the time-zone data and fails from then
 * on), so a log call must not be what takes an I/O thread down.
 *
 * <p>The patterns module logs through it too, for what it logs on I/O threads (discards at close,
 * drops).
 *
 * <p>Thread-safety: as thread-safe as the logger it wraps.
 */
public final class SafeLogger implements System.Logger {

    private final System.Logger delegate;

    private SafeLogger(System.Logger delegate) {
        this.delegate = delegate;
    }

    /**
     * Returns a logger named after {@code owner} that never throws.
     *
     * @param owner the class that logs
     * @return the logger
     */
    static System.Logger of(Class<?> owner) {
        return named(owner.getName());
    }

    /**
     * Returns a logger of the given name that never throws.
     *
     * @param name the logger's name
     * @return the logger
     */
    public static System.Logger named(String name) {
        return new SafeLogger(System.getLogger(name));
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public boolean isLoggable(Level level) {
        try {
            return delegate.isLoggable(level);
        } catch (Throwable broken) {
            return false;
        }
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        try {
            delegate.log(level, bundle, message, thrown);
        } catch (Throwable broken) {
            // the backend failed; there is nowhere left to say so
            return;
        }
    }

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch")
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        try {
            delegate.log(level, bundle, format, params);
        } catch (Throwable broken) {
            // the backend failed; there is nowhere left to say so
            return;
        }
    }
}
