package dev.meshmq.testsupport;

import dev.meshmq.ContextClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ContextClock} that moves only when a test moves it, and then tells the contexts that use
 * it, so their timers run at once.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class ManualClock implements ContextClock {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void onAdvance(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Moves the clock forward and wakes the contexts that use it.
     *
     * @param by how far
     */
    public void advance(Duration by) {
        now.addAndGet(by.toNanos());
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
