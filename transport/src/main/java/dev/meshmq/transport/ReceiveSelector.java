package dev.meshmq.transport;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

/**
 * A socket's own selector and read buffer, for the application thread that waits in a receive to watch its one
 * connection itself ({@link DirectReceive}) instead of waiting to be woken by the connection's I/O thread. Opened on
 * first use (a selector costs the process a few file descriptors) and closed with the socket.
 *
 * <p>The registration of the watched channel is kept between waits, so a request/reply loop costs no
 * registration per message; watching another channel cancels it. A channel closed while registered here is shut
 * down for writing at once by the JDK (its peer sees the end), but keeps its file descriptor until this selector
 * next selects or closes: at most one such descriptor per socket, until its next receive that waits or its close.
 *
 * <p>Thread-safety: {@link #wakeup} and {@link #close} from any thread; everything else from the one application
 * thread inside the socket's receive.
 */
public final class ReceiveSelector implements Closeable {

    /** Size of the buffer the application thread reads into. */
    static final int BUFFER_SIZE = 16 * 1024;

    private volatile Selector selector;
    private volatile boolean closed;
    private ByteBuffer buffer;
    private SelectionKey key;

    /** Creates a selector that opens itself on first use. */
    public ReceiveSelector() {
        // nothing until the first watch
    }

    /**
     * Registers {@code channel} for reads.
     *
     * @return false if it cannot be watched (the channel or this selector is closed): the caller waits the usual way
     */
    boolean watch(SelectableChannel channel) {
        try {
            Selector open = open();
            if (open == null) {
                return false;
            }
            SelectionKey watched = key;
            if (watched != null && watched.isValid() && watched.channel() == channel) {
                return true;
            }
            if (watched != null) {
                key = null;
                watched.cancel();
                open.selectNow(); // flushes the cancelled key: the same channel may be registered again
            }
            key = channel.register(open, SelectionKey.OP_READ);
            return true;
        } catch (ClosedSelectorException | CancelledKeyException | IllegalBlockingModeException | IOException e) {
            // a closed channel (ClosedChannelException) or selector: nothing to watch
            return false;
        }
    }

    private Selector open() throws IOException {
        Selector current = selector;
        if (current == null && !closed) {
            synchronized (this) {
                if (selector == null && !closed) {
                    selector = Selector.open();
                }
                current = selector;
            }
        }
        return closed ? null : current;
    }

    /**
     * Waits until the watched channel is readable, {@link #wakeup} is called, the thread is interrupted or the
     * deadline passes.
     *
     * @param deadlineNanos {@link System#nanoTime()} deadline, or Long.MAX_VALUE for none
     */
    void await(long deadlineNanos) {
        Selector current = selector;
        if (current == null || key == null) {
            return;
        }
        try {
            if (deadlineNanos == Long.MAX_VALUE) {
                current.select(ignored -> { }, 0);
                return;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left > 0) {
                // select counts whole milliseconds, 0 meaning for ever: round up
                current.select(ignored -> { }, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
            }
        } catch (ClosedSelectorException | IOException e) {
            // the socket closed: the caller sees that next
        }
    }

    /** The buffer the application thread reads into, cleared. */
    ByteBuffer buffer() {
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        }
        return buffer.clear();
    }

    /** Makes a waiting {@link #await} return at once, or the next one if none is waiting. Any thread. */
    public void wakeup() {
        Selector current = selector;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Closes the selector; a thread waiting in it returns. Any thread; idempotent. */
    @Override
    public void close() {
        closed = true;
        Selector current;
        synchronized (this) {
            current = selector;
        }
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }
}
