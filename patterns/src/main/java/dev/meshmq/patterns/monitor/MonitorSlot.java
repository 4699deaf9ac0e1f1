package dev.meshmq.patterns.monitor;

import dev.meshmq.Context;
import dev.meshmq.InvalidEndpointException;
import dev.meshmq.Monitor;
import dev.meshmq.MonitorEvent;
import dev.meshmq.PairSocket;
import dev.meshmq.transport.Endpoint;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A socket's current monitor, if any: one volatile read tells the transport whether to build
 * events at all.
 *
 * <p>Thread-safety: safe for any thread.
 */
public final class MonitorSlot {

    /** How long past the linger a closing socket's monitor waits for the last DISCONNECTED events. */
    private static final long GRACE_NANOS = 2_000_000_000L;

    private final String socketName;
    private volatile SocketMonitor current;

    /** Creates an empty slot for the socket named {@code socketName} in events. */
    public MonitorSlot(String socketName) {
        this.socketName = socketName;
    }

    /**
     * Returns whether a monitor is running or a JFR recording wants connection events, so that events
     * are worth building.
     */
    public boolean isActive() {
        return current != null || JfrConnectionEvents.enabled();
    }

    /** Hands an event to JFR and to the running monitor, if any; never blocks. Any thread. */
    public void offer(MonitorEvent event) {
        JfrConnectionEvents.record(socketName, event);
        SocketMonitor monitor = current;
        if (monitor != null) {
            monitor.offer(event);
        }
    }

    /** Starts a monitor, stopping the one it replaces. */
    public Monitor start(Consumer<MonitorEvent> listener) {
        SocketMonitor started = new SocketMonitor(socketName, listener);
        SocketMonitor previous;
        synchronized (this) {
            previous = current;
            current = started;
        }
        if (previous != null) {
            previous.close();
        }
        return () -> {
            synchronized (this) {
                if (current == started) {
                    current = null;
                }
            }
            started.close();
        };
    }

    /** Starts a libzmq-style monitor: events go to a PAIR socket bound at an inproc endpoint. */
    public Monitor startOnPair(String inprocEndpoint, Context context) {
        Objects.requireNonNull(inprocEndpoint, "inprocEndpoint");
        if (Endpoint.parse(inprocEndpoint).transport() != Endpoint.Transport.INPROC) {
            throw new InvalidEndpointException("a libzmq-style monitor needs an inproc:// endpoint, not "
                    + inprocEndpoint);
        }
        PairSocket pair = context.createPair();
        try {
            pair.bind(inprocEndpoint);
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
        return start(new PairMonitorSink(pair));
    }

    /** Nothing lingers any more: a monitor waiting for that may stop now. */
    public void lingerEnded() {
        SocketMonitor monitor = current;
        if (monitor != null) {
            monitor.nudge();
        }
    }

    /**
     * The socket closed: the monitor stops after the last connection ended and no link lingers any
     * more, or after the linger.
     */
    public void socketClosed(long lingerNanos, java.util.function.BooleanSupplier lingering) {
        SocketMonitor monitor = current;
        if (monitor != null) {
            monitor.socketClosed(Math.min(lingerNanos, Long.MAX_VALUE / 4) + GRACE_NANOS, lingering);
        }
    }
}
