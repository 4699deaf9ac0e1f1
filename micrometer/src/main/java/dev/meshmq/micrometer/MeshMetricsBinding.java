package dev.meshmq.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The meters {@link MeshMetrics#bind} registered for one socket; closing it removes them from the
 * registry.
 *
 * <p>Thread-safety: safe for use by any thread; {@link #close()} is idempotent.
 */
public final class MeshMetricsBinding implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<Meter> meters;
    private volatile boolean closed;

    MeshMetricsBinding(MeterRegistry registry, List<Meter> meters) {
        this.registry = registry;
        this.meters = List.copyOf(meters);
    }

    /**
     * Returns the meters this binding registered.
     *
     * @return the meters, in registration order
     */
    public List<Meter> meters() {
        return meters;
    }

    /**
     * Removes the meters from the registry. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Meter meter : meters) {
            registry.remove(meter);
        }
    }
}
