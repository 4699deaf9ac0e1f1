package dev.meshmq.transport;

import java.nio.channels.SelectionKey;

/**
 * Something registered with an {@link IoThread}'s selector: a listener or a connection.
 *
 * <p>Thread-safety: called only on the I/O thread that owns the registration.
 */
interface IoHandler {

    /**
     * Called when the selector reports the key ready.
     *
     * @param key the key, with its ready set
     */
    void onSelected(SelectionKey key);

    /**
     * Called when a callback of this handler threw anything, an Error included: the handler must
     * release what it holds. The I/O thread itself carries on.
     *
     * @param failure what was thrown
     */
    void onFailure(Throwable failure);

    /**
     * Wraps a task of this handler (posted to the I/O thread or run by a timer) so that anything it
     * throws, an {@link Error} included, goes to {@link #onFailure} and so closes this handler only.
     *
     * @param task the task
     * @return the guarded task
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    default Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable failure) {
                onFailure(failure);
            }
        };
    }
}
