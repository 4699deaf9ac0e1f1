package dev.meshmq.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A reactor thread: one NIO selector, the connections and listeners registered on it, a queue of
 * tasks posted from other threads, and timers. Nothing registered here may block.
 *
 * <p>Other threads reach it only through {@link #execute}; the selector is woken only when a task
 * arrives while the thread may be asleep in select, so a burst of tasks costs one wake-up. Before it
 * sleeps in select, a thread that ran out of work polls its selector and task queue without blocking
 * for up to its spin time, yielding the processor between polls, so that work arriving soon after
 * finds it awake instead of paying for a wake-up.
 *
 * <p>Failures: anything a handler, a timer or a task throws, an {@link Error} included, is caught:
 * a handler is told through {@link IoHandler#onFailure} and closes its own connection, a task is
 * expected to route its failure to its connection (engines wrap their tasks so), and the thread goes
 * on. Should the thread end anyway, {@link #failure()} says why and the listener given to
 * {@link #onDeath} is told, so callers waiting on its connections fail instead of hanging.
 *
 * <p>Thread-safety: {@link #execute}, {@link #shutdown}, {@link #isCurrentThread}, {@link #failure}
 * and {@link #onDeath} from any thread; everything else on this I/O thread only.
 */
public final class IoThread implements Executor {

    private static final System.Logger LOG = SafeLogger.of(IoThread.class);
    private static final int TASKS_PER_ROUND = 4096;

    private final Selector selector;
    private final Thread thread;
    private final NanoClock clock;
    private final long spinNanos;
    private final SpinGovernor spinGovernor;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final IoBuffers buffers = new IoBuffers();
    private final ScratchSlot scratch = new ScratchSlot();
    private volatile Throwable failure;
    private volatile Consumer<Throwable> deathListener = cause -> { };
    private long timerSequence;
    private volatile boolean stopping;

    /**
     * Creates and starts an I/O thread.
     *
     * @param name the thread's name
     * @param clock the time source for timers
     * @param spinNanos how long to poll without blocking before sleeping in select; 0 for not at all
     */
    private volatile SecurityServices security;

    public IoThread(String name, NanoClock clock, long spinNanos) {
        this(name, clock, spinNanos, SpinGovernor.always());
    }

    /**
     * Creates and starts an I/O thread that spins only while {@code governor} allows it.
     *
     * @param name the thread's name
     * @param clock the time source for timers
     * @param spinNanos how long to poll without blocking before sleeping in select; 0 for not at all
     * @param governor shared with the context's other waiting threads
     */
    public IoThread(String name, NanoClock clock, long spinNanos, SpinGovernor governor) {
        this.clock = clock;
        this.spinNanos = spinNanos;
        this.spinGovernor = governor;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code task} on this I/O thread, soon. Any thread. Tasks posted after shutdown are dropped.
     *
     * @param task must not block
     */
    @Override
    public void execute(Runnable task) {
        enqueueWithoutWaking(task);
        wakeIfAsleep();
    }

    /** The first half of {@link #execute}: queues the task. Separate so a test can delay the second half. */
    void enqueueWithoutWaking(Runnable task) {
        tasks.add(task);
    }

    /**
     * The second half of {@link #execute}: wakes the selector unless a wake-up is already on its way. A
     * caller may be descheduled between the halves, so this can run long after its task was taken.
     */
    void wakeIfAsleep() {
        if (!isCurrentThread() && !wakeupPending.getAndSet(true)) {
            selector.wakeup();
        }
    }

    /** The context's authentication thread and CURVE cookie keys, set once by the context. */
    void useSecurity(SecurityServices services) {
        security = services;
    }

    /** Returns the context's security services; null when no context owns this thread (unit tests). */
    SecurityServices security() {
        return security;
    }

    /**
     * Returns whether the caller runs on this I/O thread.
     *
     * @return true on the I/O thread
     */
    public boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Returns the thread's name.
     *
     * @return the name
     */
    public String name() {
        return thread.getName();
    }

    /**
     * Returns the clock.
     *
     * @return the time source of this thread's timers
     */
    public NanoClock clock() {
        return clock;
    }

    /**
     * Returns the codec buffers this thread's connections share. I/O thread only.
     *
     * @return the buffers
     */
    IoBuffers buffers() {
        return buffers;
    }

    /**
     * Returns the encoding buffer an application thread may borrow to write to one of this thread's
     * connections itself. Any thread.
     *
     * @return the slot
     */
    ScratchSlot scratch() {
        return scratch;
    }

    /**
     * Returns why this thread ended other than by {@link #shutdown}, or null while it runs or after a
     * shutdown. Any thread.
     *
     * @return the cause, or null
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * Sets what is told if this thread ends other than by {@link #shutdown}: it runs on the dying
     * thread, once, with the cause. Any thread; the last listener set wins.
     *
     * @param listener must not block
     */
    public void onDeath(Consumer<Throwable> listener) {
        this.deathListener = java.util.Objects.requireNonNull(listener, "listener");
    }

    /**
     * Schedules a task. I/O thread only.
     *
     * @param delayNanos from now
     * @param task the task
     * @return a handle to cancel it
     */
    public Timer schedule(long delayNanos, Runnable task) {
        Timer timer = new Timer(clock.nanoTime() + Math.max(0, delayNanos), timerSequence++, task);
        timers.add(timer);
        return timer;
    }

    /**
     * Makes the selector drop the keys cancelled so far, so that closing their channels releases the
     * underlying sockets at once rather than at the next select. I/O thread only, outside dispatch.
     */
    void flushCancelledKeys() {
        try {
            selector.selectNow();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "selectNow failed", e);
        }
    }

    SelectionKey register(SelectableChannel channel, int ops, IoHandler handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    /**
     * Stops the thread after the tasks already posted have run, and waits for it to end.
     *
     * @param timeoutMillis the longest wait
     */
    public void shutdown(long timeoutMillis) {
        execute(() -> stopping = true);
        if (!isCurrentThread()) {
            try {
                thread.join(Math.max(1, timeoutMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void run() {
        try {
            while (!stopping) {
                runOneRound();
            }
        } catch (Throwable cause) {
            failure = cause;
            LOG.log(Level.ERROR, "I/O thread " + thread.getName() + " died; its connections are closed", cause);
        } finally {
            try {
                closeEverything();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "closing the channels of I/O thread " + thread.getName() + " failed", e);
            }
            Throwable cause = failure;
            if (cause != null) {
                deathListener.accept(cause);
            }
        }
    }

    private void runOneRound() {
        long timeoutMillis = runDueTimers();
        try {
            if (timeoutMillis != 0 && tasks.isEmpty() && spinUntilWork()) {
                timeoutMillis = 0;
            }
            // Cleared just before the last look at the queue: a task posted after this point either is seen
            // below or finds the flag clear and wakes the select that follows. Not earlier: the spin's
            // selectNow consumes wake-ups, and a poster descheduled between its enqueue and its wake-up
            // (its task already run) could set the flag after an earlier clearing, have its wake-up eaten
            // by the spin and leave the flag set while this thread sleeps, so that the next poster would
            // not wake it.
            wakeupPending.set(false);
            if (tasks.isEmpty()) {
                if (timeoutMillis < 0) {
                    selector.select();
                } else if (timeoutMillis == 0) {
                    selector.selectNow();
                } else {
                    selector.select(timeoutMillis);
                }
            } else {
                selector.selectNow();
            }
        } catch (IOException e) {
            LOG.log(Level.ERROR, "selector failed", e);
        }
        dispatchSelected();
        runTasks();
    }

    /**
     * Polls the selector and the task queue without blocking, yielding between polls, until either has
     * something or the spin time is over.
     *
     * @return true if a channel is ready (its key is in the selected set)
     */
    private boolean spinUntilWork() throws IOException {
        if (spinNanos == 0 || !spinGovernor.trySpin()) {
            return false;
        }
        try {
            return pollUntilWork();
        } finally {
            spinGovernor.spinEnded();
        }
    }

    private boolean pollUntilWork() throws IOException {
        long end = System.nanoTime() + spinNanos;
        while (tasks.isEmpty() && !stopping) {
            if (selector.selectNow() > 0) {
                return true;
            }
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            Thread.yield();
        }
        return false;
    }

    /** Runs due timers; returns the wait until the next one in ms, 0 for now, -1 for none. */
    private long runDueTimers() {
        while (true) {
            Timer next = timers.peek();
            if (next == null) {
                return -1;
            }
            if (next.isCancelled()) {
                timers.poll();
                continue;
            }
            long waitNanos = next.deadlineNanos() - clock.nanoTime();
            if (waitNanos > 0) {
                return Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999));
            }
            timers.poll();
            guarded(next::run);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private void dispatchSelected() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            IoHandler handler = (IoHandler) key.attachment();
            if (!key.isValid()) {
                continue;
            }
            try {
                handler.onSelected(key);
            } catch (Throwable e) {
                guarded(() -> handler.onFailure(e));
            }
        }
    }

    private void runTasks() {
        for (int i = 0; i < TASKS_PER_ROUND; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            guarded(task);
        }
    }

    @SuppressWarnings("checkstyle:IllegalCatch")
    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            LOG.log(Level.ERROR, "I/O task failed", e);
        }
    }

    private void closeEverything() {
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing a channel at shutdown failed", e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the selector failed", e);
        }
        tasks.clear();
    }
}
