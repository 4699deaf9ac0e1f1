package dev.meshmq.patterns.monitor;

import dev.meshmq.Monitor;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.transport.SafeLogger;
import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers one socket's monitor events to a listener on a thread of its own, in order, from an
 * unbounded queue, so that the I/O threads that report events never wait for the listener and no
 * event is lost. It counts open connections and listeners, so that when the socket closes it can
 * wait (up to a deadline) for their DISCONNECTED and CLOSED events before the final
 * MONITOR_STOPPED.
 *
 * <p>Thread-safety: {@link #offer}, {@link #socketClosed} and {@link #close} from any thread.
 */
final class SocketMonitor implements Monitor {

    /** The logger's name: the class's name before the patterns package was split, kept for logging configurations. */
    static final String LOGGER_NAME = "dev.meshmq.patterns.SocketMonitor";
    private static final System.Logger LOG = SafeLogger.named(LOGGER_NAME);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Not an event: wakes the thread to check at once whether it may stop. Compared by identity. */
    private static final MonitorEvent NUDGE = new MonitorEvent(MonitorEventType.MONITOR_STOPPED, "", "", "",
            new byte[0], 0, "nudge");

    private final LinkedBlockingQueue<MonitorEvent> queue = new LinkedBlockingQueue<>();
    private final Consumer<MonitorEvent> listener;
    private final String endpointName;
    private final Thread thread;
    private volatile boolean stopNow;
    private volatile long stopDeadlineNanos;
    private volatile boolean stopWhenQuiet;
    /** After close: whether links still linger (a DISCARDED_AT_CLOSE may still come). */
    private volatile java.util.function.BooleanSupplier lingering = () -> false;
    private int open;

    SocketMonitor(String socketName, Consumer<MonitorEvent> listener) {
        this.listener = listener;
        this.endpointName = socketName;
        this.thread = new Thread(this::run, "meshmq-monitor-" + socketName);
        thread.setDaemon(true);
        thread.start();
    }

    void offer(MonitorEvent event) {
        queue.add(event);
    }

    /**
     * The socket closed: stop once its connections have reported their end and none of its links
     * lingers any more, or at the deadline.
     */
    void socketClosed(long waitNanos, java.util.function.BooleanSupplier stillLingering) {
        lingering = stillLingering;
        stopDeadlineNanos = System.nanoTime() + waitNanos;
        stopWhenQuiet = true;
        nudge();
    }

    /** Makes the thread check now, rather than at its next poll, whether it may stop. */
    void nudge() {
        queue.add(NUDGE);
    }

    @Override
    public void close() {
        stopNow = true;
        nudge();
    }

    private void run() {
        try {
            while (true) {
                MonitorEvent event = queue.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
                if (event != null && event != NUDGE) {
                    count(event.type());
                    deliver(event);
                    continue;
                }
                if (!queue.isEmpty()) {
                    continue;
                }
                if (stopNow || stopWhenQuiet && (open <= 0 && !lingering.getAsBoolean()
                        || System.nanoTime() - stopDeadlineNanos >= 0)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deliver(new MonitorEvent(MonitorEventType.MONITOR_STOPPED, endpointName, "", "", new byte[0], 0, ""));
    }

    private void count(MonitorEventType type) {
        switch (type) {
            case CONNECTED:
            case ACCEPTED:
            case LISTENING:
                open++;
                break;
            case DISCONNECTED:
            case CLOSED:
                open--;
                break;
            default:
                break;
        }
    }

    private void deliver(MonitorEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a monitor listener threw on " + event, e);
        }
    }
}
