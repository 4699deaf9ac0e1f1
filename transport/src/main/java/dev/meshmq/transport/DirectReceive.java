package dev.meshmq.transport;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets the application thread that waits in a receive read its socket's one connection itself, the twin of
 * {@link DirectSend}: the bytes wake that thread straight from the kernel instead of waking the I/O thread, which
 * would decode them and then wake the application thread, so a reply costs one thread wake-up instead of two (on a
 * busy machine each wake-up is a wait for a processor).
 *
 * <p>Every use of the connection's input side ({@link EngineInput} and the decoder behind it) holds this class's
 * lock, on whichever thread; the I/O thread waits for it, the application thread holds it only for a non-blocking
 * read and the decoding of what it read, never while it waits.
 *
 * <p>Who watches the channel: the I/O thread (its key asks for reads), or the application thread
 * ({@code applicationReads}: the key does not ask, and each receive that waits watches the channel through its
 * socket's {@link ReceiveSelector}). The application thread takes the watch in {@link #begin} and keeps it between
 * its receives, so a request/reply loop changes no registration per message. The I/O thread takes it back when the
 * application thread has not waited on the connection for a whole check period ({@value #CHECK_MILLIS} ms): the
 * check runs only while the application thread is outside a wait, so a receive blocked for an hour costs no timer,
 * and bytes that arrive while nobody waits lie in the kernel at most two periods before the I/O thread reads them.
 *
 * <p>It is offered only on a connection past its handshake that is not ending, whose input is not paused by a full
 * pipe, that has no CURVE boxes to open and whose socket does not take subscriptions or joins (their commands must
 * stay in order with messages). Commands that arrive while the application thread reads (PING, an ERROR, an unknown
 * name) are handed to the I/O thread; a virtual thread is not offered it (it would block its carrier in the
 * selector, where parking frees it); a read failure or a protocol error stops direct reads and has the I/O thread
 * close the connection, as its own read would.
 *
 * <p>Thread-safety: {@link #begin}, {@link #readNow}, {@link #await} and {@link #end} from the application thread
 * inside the socket's receive; the rest on the connection's I/O thread, or under the lock.
 */
public final class DirectReceive {

    /** Milliseconds without a wait by the application thread after which the I/O thread reads the channel again. */
    static final long CHECK_MILLIS = 4;

    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS);

    /** Milliseconds the application thread leaves the channel to the I/O thread after finding it streaming. */
    static final long STREAMING_PAUSE_MILLIS = 20;

    private static final long STREAMING_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(STREAMING_PAUSE_MILLIS);

    /** One read by the application thread: a read that fills its buffer means more is coming. */
    private static final int READS = 1;

    private final IoThread io;
    private final SocketChannel channel;
    private final EngineInput input;
    private final StreamEngine engine;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean checking = new AtomicBoolean();
    private final Runnable startCheck;
    private final Runnable check;
    private final Runnable giveBack;

    private volatile boolean allowed;
    /** The I/O thread's key does not ask for reads: the application thread watches the channel. */
    private volatile boolean applicationReads;
    /** The application thread is between {@link #begin} and {@link #end}. */
    private volatile boolean applicationInside;
    /** Until this System.nanoTime(), the application thread leaves the channel to the I/O thread; 0: no pause. */
    private volatile long streamingUntil;
    /** Waits begun by the application thread; written under the lock. */
    private volatile long waits;
    /** A read or the decoder failed: the connection is closing on its I/O thread. Under the lock. */
    private boolean failed;
    /** I/O thread: {@link #waits} at the last check, and the check's timer. */
    private long waitsSeen;
    private Timer timer;

    DirectReceive(IoThread io, SocketChannel channel, EngineInput input, StreamEngine engine) {
        this.io = io;
        this.channel = channel;
        this.input = input;
        this.engine = engine;
        this.startCheck = engine.guarded(this::startCheck);
        this.check = engine.guarded(this::check);
        this.giveBack = engine.guarded(this::giveBackNow);
    }

    /** Runs {@code action} on the input side, holding the lock. Any thread. */
    void underLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** The I/O thread's read of a readable key. */
    void readOnIoThread() {
        lock.lock();
        try {
            if (!failed) {
                input.read();
            }
        } finally {
            lock.unlock();
        }
    }

    /** I/O thread, under the lock: whether the application thread may read from now on. */
    void allow(boolean allowedNow) {
        allowed = allowedNow;
    }

    /**
     * On the application thread reading directly (holding the lock), a failure of the input (a close, a protocol
     * error) stops direct reads and is handled on the I/O thread.
     *
     * @param action what the I/O thread does about it
     * @return false on the I/O thread: the caller runs it itself
     */
    boolean failToIoThread(Runnable action) {
        if (io.isCurrentThread()) {
            return false;
        }
        failed = true;
        allowed = false;
        io.execute(engine.guarded(action));
        return true;
    }

    /**
     * On the application thread reading directly, what only the I/O thread may do (a command's handling) is
     * posted there, to run under the lock as it would inside the I/O thread's own read.
     *
     * @param action the work
     * @return false on the I/O thread: the caller runs it itself
     */
    boolean postToIoThread(Runnable action) {
        if (io.isCurrentThread()) {
            return false;
        }
        io.execute(engine.guarded(() -> underLock(action)));
        return true;
    }

    /** Returns whether the I/O thread's key should ask for reads (the application thread is not watching). */
    boolean ioThreadReads() {
        return !applicationReads;
    }

    /** Returns whether the input failed and awaits its close; the input side must not decode more. Under the lock. */
    boolean failed() {
        return failed;
    }

    /** I/O thread, under the lock, at close: no more direct reads, no more checks. */
    void stop() {
        allowed = false;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /**
     * The application thread is about to wait for a message: it takes the watch of the channel, if the rules above
     * allow, and registers the channel with its socket's selector.
     *
     * @param selector the socket's selector
     * @return true if the caller must now {@link #readNow}, {@link #await} and finally {@link #end}; false if it
     *     waits the usual way (nothing to end)
     */
    public boolean begin(ReceiveSelector selector) {
        // a virtual thread would hold its carrier in the selector: it parks the usual way
        if (!allowed || io.isCurrentThread() || VirtualThreads.isCurrent() || streamingPause()) {
            return false;
        }
        lock.lock();
        try {
            if (!allowed || failed || input.isPaused()) {
                return false;
            }
            applicationInside = true;
            waits = waits + 1;
            if (!applicationReads) {
                applicationReads = true;
                engine.setInterest(SelectionKey.OP_READ, false);
            }
        } finally {
            lock.unlock();
        }
        if (!selector.watch(channel)) {
            end();
            return false;
        }
        return true;
    }

    /**
     * Reads and decodes what the channel has now, without blocking; decoded messages go into the link's inbound
     * pipe, whose reader (the caller's socket) is told as usual.
     *
     * @param selector the socket's selector, whose buffer the bytes are read into
     * @return false if the connection can no longer be read directly (closing, paused, failed): the caller stops
     */
    public boolean readNow(ReceiveSelector selector) {
        lock.lock();
        try {
            if (!allowed || failed || input.isPaused()) {
                return false;
            }
            if (input.read(selector.buffer(), READS) && allowed && !failed) {
                // the bytes come faster than one thread takes them: the I/O thread reads ahead in parallel
                streamingUntil = System.nanoTime() + STREAMING_PAUSE_NANOS;
                io.execute(giveBack);
                return false;
            }
            return allowed && !failed && !input.isPaused();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the channel is readable, the selector is woken, the thread is interrupted or the deadline passes.
     *
     * @param selector the socket's selector
     * @param deadlineNanos {@link System#nanoTime()} deadline, or Long.MAX_VALUE for none
     */
    public void await(ReceiveSelector selector, long deadlineNanos) {
        selector.await(deadlineNanos);
    }

    /**
     * The wait is over. The application thread keeps the watch (and its selector the registration) until the
     * I/O thread's check finds it has not waited for a whole period.
     */
    public void end() {
        lock.lock();
        try {
            applicationInside = false;
        } finally {
            lock.unlock();
        }
        if (applicationReads && checking.compareAndSet(false, true)) {
            io.execute(startCheck);
        }
    }

    private boolean streamingPause() {
        long until = streamingUntil;
        return until != 0 && System.nanoTime() - until < 0;
    }

    /** The application thread found the channel streaming: the I/O thread reads it from now on. */
    private void giveBackNow() {
        lock.lock();
        try {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            giveBackWatch();
        } finally {
            lock.unlock();
        }
    }

    private void startCheck() {
        lock.lock();
        try {
            if (applicationReads && allowed) {
                waitsSeen = waits;
                timer = io.schedule(CHECK_NANOS, check);
            } else {
                giveBackWatch();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The I/O thread's check: while the application thread waits, stop checking (its {@link #end} starts the check
     * again); if it has not waited since the last check, take the watch back; else look again a period later.
     */
    private void check() {
        lock.lock();
        try {
            timer = null;
            if (applicationInside && allowed) {
                checking.set(false);
            } else if (waits == waitsSeen || !allowed) {
                giveBackWatch();
            } else {
                waitsSeen = waits;
                timer = io.schedule(CHECK_NANOS, check);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock, I/O thread: the key asks for reads again (unless the socket's pipe is full). */
    private void giveBackWatch() {
        applicationReads = false;
        checking.set(false);
        if (engine.state() == StreamEngine.State.ACTIVE && !input.isPaused()) {
            engine.setInterest(SelectionKey.OP_READ, true);
        }
    }
}
