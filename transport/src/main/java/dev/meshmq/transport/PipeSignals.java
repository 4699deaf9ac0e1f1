package dev.meshmq.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The flags through which the two ends of a {@link Pipe} signal each other: whether each end closed,
 * whether each end is armed (owed a wake-up), and the listener each end registered. It also holds the
 * arming protocol: an end that finds it cannot go on stores its armed flag, then looks again at what
 * the other end may have changed, and either stays armed or disarms itself with a compare-and-set.
 * Every arming is disarmed exactly once; whoever disarms runs the listener, unless it is the arming
 * call itself, which then answers instead. The package documentation gives the memory-ordering argument.
 *
 * <p>Thread-safety: the flags and listeners are volatile and may be read from any thread; arming the
 * reader is for the reader thread, arming the writer for the writer thread, as {@link Pipe} says.
 */
final class PipeSignals {

    private static final PipeReaderListener NO_READER = () -> { };
    private static final PipeWriterListener NO_WRITER = () -> { };
    private static final VarHandle READER_ARMED;
    private static final VarHandle WRITER_ARMED;
    private static final VarHandle READER_LISTENER;
    private static final VarHandle WRITER_LISTENER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            READER_ARMED = lookup.findVarHandle(PipeSignals.class, "readerArmed", boolean.class);
            WRITER_ARMED = lookup.findVarHandle(PipeSignals.class, "writerArmed", boolean.class);
            READER_LISTENER = lookup.findVarHandle(PipeSignals.class, "readerListener", PipeReaderListener.class);
            WRITER_LISTENER = lookup.findVarHandle(PipeSignals.class, "writerListener", PipeWriterListener.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PipeEnd writer;
    private final PipeEnd reader;
    /** The pipe's current high-water mark, read again after the writer arms. */
    private final IntSupplier highWaterMark;
    /** The reader found the pipe empty and waits for {@link PipeReaderListener#onReadable()}. */
    private volatile boolean readerArmed;
    /** The writer was refused for want of room and waits for {@link PipeWriterListener#onWritable()}. */
    private volatile boolean writerArmed;
    private volatile boolean writerClosed;
    private volatile boolean readerClosed;
    private volatile PipeReaderListener readerListener = NO_READER;
    private volatile PipeWriterListener writerListener = NO_WRITER;

    PipeSignals(PipeEnd writer, PipeEnd reader, IntSupplier highWaterMark) {
        this.writer = writer;
        this.reader = reader;
        this.highWaterMark = highWaterMark;
    }

    void registerReader(PipeReaderListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!READER_LISTENER.compareAndSet(this, NO_READER, listener)) {
            throw new IllegalStateException("the reader of this pipe already has a listener");
        }
    }

    void registerWriter(PipeWriterListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!WRITER_LISTENER.compareAndSet(this, NO_WRITER, listener)) {
            throw new IllegalStateException("the writer of this pipe already has a listener");
        }
    }

    boolean isReaderArmed() {
        return readerArmed;
    }

    boolean isWriterArmed() {
        return writerArmed;
    }

    boolean isWriterClosed() {
        return writerClosed;
    }

    boolean isReaderClosed() {
        return readerClosed;
    }

    /** Stores the reader's armed flag; the caller then looks again and may {@link #tryDisarmReader()}. */
    void armReaderFlag() {
        readerArmed = true;
    }

    /**
     * Clears the reader's armed flag if it is set.
     *
     * @return true if this call cleared it, and so owes the wake-up
     */
    boolean tryDisarmReader() {
        return READER_ARMED.compareAndSet(this, true, false);
    }

    /** Runs the reader's listener: for the party that disarmed the reader. */
    void notifyReader() {
        readerListener.onReadable();
    }

    /** Disarms the reader's wake-up; whoever does so first runs the listener. */
    void wakeReader() {
        if (READER_ARMED.compareAndSet(this, true, false)) {
            readerListener.onReadable();
        }
    }

    /** Disarms the writer's wake-up; whoever does so first runs the listener. */
    void wakeWriter() {
        if (WRITER_ARMED.compareAndSet(this, true, false)) {
            writerListener.onWritable();
        }
    }

    /** The writer's close: the store of the flag precedes the look at the reader's flag. */
    void closeWriting() {
        writerClosed = true;
        wakeReader();
    }

    /** The reader's close: the store of the flag precedes the look at the writer's flag. */
    void closeReading() {
        readerClosed = true;
        wakeWriter();
    }

    /**
     * The pipe looked full to a writer that was not armed: arms the writer, then looks again at the
     * current mark, the reader's count and whether the reader closed (each load after the store of the
     * flag). If nothing changed, the writer stays armed and whoever changes something runs the wake-up;
     * otherwise this call disarms, and answers yes if there is room, or runs the wake-up itself if the
     * reader closed meanwhile. A call that loses the disarming to another thread answers no: the winner
     * runs the wake-up.
     *
     * @param written the writer's count
     * @return whether there is room, with no wake-up owed
     */
    boolean armWriter(long written) {
        if (readerClosed) {
            return false;
        }
        writerArmed = true;
        int limit = highWaterMark.getAsInt();
        long read = reader.count;
        writer.otherCountSeen = read;
        boolean room = limit == 0 || written - read < limit;
        if (!room && !readerClosed) {
            return false;
        }
        if (!WRITER_ARMED.compareAndSet(this, true, false)) {
            return false;
        }
        if (!room) {
            writerListener.onWritable();
        }
        return room;
    }

    /**
     * The pipe looked empty to the reader: arms the reader, then looks again at the writer's count and
     * whether the writer closed (each load after the store of the flag). If nothing changed, the reader
     * stays armed; otherwise this call disarms, and takes a message if there is one, or runs the wake-up
     * itself if the writer closed meanwhile. A call that loses the disarming to the writer answers
     * empty: the writer runs the wake-up.
     *
     * @param count the reader's count
     * @return the writer's count; {@code count} itself means the read answers empty
     */
    long armReader(long count) {
        if (writerClosed) {
            // a writer's last messages precede its close, so this count is final
            return writer.count;
        }
        readerArmed = true;
        long written = writer.count;
        if (written == count && !writerClosed) {
            return count;
        }
        if (!READER_ARMED.compareAndSet(this, true, false)) {
            return count;
        }
        if (written == count) {
            written = writer.count;
            if (written == count) {
                readerListener.onReadable();
            }
        }
        return written;
    }
}
