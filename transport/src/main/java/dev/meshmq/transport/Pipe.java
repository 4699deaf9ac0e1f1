package dev.meshmq.transport;

import dev.meshmq.Message;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A one-way queue of whole messages from one writer thread to one reader thread, with a high-water
 * mark counted in messages. This is where back-pressure and wake-ups happen:
 *
 * <ul>
 *   <li>{@link #write} refuses a message when the pipe holds {@code hwm} messages; the writer is then
 *       woken (its wake-up runs once) when the reader has drained the pipe to the low-water mark (half
 *       the high-water mark), and until then every write is refused, as in libzmq, whose writer learns
 *       of reads only every low-water-mark messages. A writer that keeps trying (a PUB dropping for a
 *       slow subscriber) therefore does not touch the reader's counter at all while the pipe is full.
 *   <li>{@link #read} returns null on an empty pipe; the reader is then woken (its wake-up runs once)
 *       by the next write. Wake-ups happen only on these transitions, never per message.
 * </ul>
 *
 * <p>Each end has one listener ({@link PipeReaderListener}, {@link PipeWriterListener}), registered
 * once, and one armed flag that the pipe owns: a read that finds the pipe empty, or a writer refused for
 * want of room, arms its end before it answers, and every arming is disarmed exactly once, by a
 * compare-and-set, by whoever sees that the end may go on (the other end, a raise of the mark, a close,
 * or the refused call itself when it looks again). The winner runs the listener, unless it is the
 * refused call, which then answers yes instead. The package documentation gives the memory-ordering
 * argument. Each end keeps its counter on cache lines of its own ({@link PipeEnd}) and reads the other
 * end's only when its cached view runs out (the reader) or the pipe looks full (the writer).
 *
 * <p>Thread-safety: {@code write}, {@code writeHoldingWakeup}, {@code releaseWakeup}, {@code hasRoom},
 * {@code hasRoomOrWatch} and {@code closeWriting} from the writer thread only, {@code read} and
 * {@code closeReading} from the reader thread only; the other methods from any thread.
 */
public final class Pipe {

    private static final PipeReaderListener NO_READER = () -> { };
    private static final PipeWriterListener NO_WRITER = () -> { };
    private static final VarHandle READER_ARMED;
    private static final VarHandle WRITER_ARMED;
    private static final VarHandle READER_LISTENER;
    private static final VarHandle WRITER_LISTENER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            READER_ARMED = lookup.findVarHandle(Pipe.class, "readerArmed", boolean.class);
            WRITER_ARMED = lookup.findVarHandle(Pipe.class, "writerArmed", boolean.class);
            READER_LISTENER = lookup.findVarHandle(Pipe.class, "readerListener", PipeReaderListener.class);
            WRITER_LISTENER = lookup.findVarHandle(Pipe.class, "writerListener", PipeWriterListener.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The writer's end: its chunk, slot, message and byte counts, and its view of the reader's count. */
    private final PipeEnd writer;
    /** The reader's end: its chunk, slot, message count, and its view of the writer's count. */
    private final PipeEnd reader;
    private volatile int hwm;
    /** The reader found the pipe empty and waits for {@link PipeReaderListener#onReadable()}. */
    private volatile boolean readerArmed;
    /** The writer was refused for want of room and waits for {@link PipeWriterListener#onWritable()}. */
    private volatile boolean writerArmed;
    private volatile boolean writerClosed;
    private volatile boolean readerClosed;
    private volatile PipeReaderListener readerListener = NO_READER;
    private volatile PipeWriterListener writerListener = NO_WRITER;

    /** CONFLATE: the pipe holds one message, the newest; null for an ordinary queue. */
    private final java.util.concurrent.atomic.AtomicReference<Message> latest;

    /**
     * Creates a pipe.
     *
     * @param hwm the high-water mark in messages; 0 means no limit
     */
    public Pipe(int hwm) {
        this(hwm, false);
    }

    private Pipe(int hwm, boolean conflating) {
        this.latest = conflating ? new java.util.concurrent.atomic.AtomicReference<>() : null;
        PipeEnd[] ends = PipeEnd.pair();
        this.writer = ends[0];
        this.reader = ends[1];
        setHighWaterMark(hwm);
    }

    /**
     * Creates a conflating pipe (CONFLATE): it holds only the newest message; a write replaces the
     * one not yet read, so it never refuses and its reader always gets the latest.
     *
     * @return the pipe
     */
    public static Pipe conflating() {
        return new Pipe(0, true);
    }

    /**
     * Changes the high-water mark; takes effect for the next write. A raise that leaves room wakes a
     * writer armed by a refusal (the store of the mark precedes the look at the writer's flag, and the
     * writer looks at the mark again after arming, so one of the two sees the other). Any thread.
     *
     * @param hwm messages, 0 for no limit
     */
    public void setHighWaterMark(int hwm) {
        if (hwm < 0) {
            throw new IllegalArgumentException("hwm must not be negative: " + hwm);
        }
        this.hwm = latest != null ? 0 : hwm;
        if (writerArmed && !isFull()) {
            disarmWriter();
        }
    }

    /**
     * Registers what the reading end is told when, after a read found the pipe empty, there is a message
     * or the writer closed. Once per pipe; until then such wake-ups go nowhere, so the reader registers
     * before its first read. Any thread.
     *
     * @param listener cheap and non-blocking; see {@link PipeReaderListener}
     * @throws IllegalStateException if the reader already has a listener
     */
    public void registerReader(PipeReaderListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!READER_LISTENER.compareAndSet(this, NO_READER, listener)) {
            throw new IllegalStateException("the reader of this pipe already has a listener");
        }
    }

    /**
     * Registers what the writing end is told when, after a refusal for want of room, there is room or
     * the reader closed. Once per pipe; until then such wake-ups go nowhere, so the writer registers
     * before its first write. Any thread.
     *
     * @param listener cheap and non-blocking; see {@link PipeWriterListener}
     * @throws IllegalStateException if the writer already has a listener
     */
    public void registerWriter(PipeWriterListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!WRITER_LISTENER.compareAndSet(this, NO_WRITER, listener)) {
            throw new IllegalStateException("the writer of this pipe already has a listener");
        }
    }

    /**
     * Queues a message unless the pipe is full or its reader is gone. Writer thread only.
     *
     * @param message the message
     * @return false if the pipe is at its high-water mark (the writer's listener will run later) or the
     *     reader closed its end (then it never will: the writer should stop using this pipe)
     */
    public boolean write(Message message) {
        return write(message, false);
    }

    /**
     * Like {@link #write}, but as one message of a batch that ends with {@link #releaseWakeup()}: the
     * message is published without a fence and the reader is not woken now, but once, when the batch
     * ends. A writer putting a burst of messages in (an I/O thread after one read from the network) so
     * pays one fence and at most one wake-up per burst, and a sleeping reader wakes to a batch instead of
     * taking the first message and going back to sleep. A reader that is awake sees the messages as they
     * come. A conflating pipe wakes its reader at once, as {@link #write} does. Writer thread only; the
     * writer must call {@link #releaseWakeup()} when its batch ends.
     *
     * @param message the message
     * @return as for {@link #write}
     */
    public boolean writeHoldingWakeup(Message message) {
        return write(message, true);
    }

    /**
     * Ends a batch of {@link #writeHoldingWakeup} writes: wakes the reader if it went to sleep meanwhile.
     * Writer thread only; does nothing if no batch is open.
     */
    public void releaseWakeup() {
        if (writer.batchOpen) {
            writer.batchOpen = false;
            // the fence the batch's writes went without: after it, either the reader sees every count
            // store of the batch, or this thread sees the reader's announcement that it waits
            VarHandle.fullFence();
            wakeReaderIfWaiting();
        }
    }

    /**
     * Queues a message even at the high-water mark: for the few notes the transport owes the socket
     * (DISCONNECT_MSG, HICCUP_MSG, ROUTER_NOTIFY), which libzmq puts in the pipe past its limit too. Ends an
     * open batch first. Writer thread only.
     *
     * @param message the message
     * @return false only if the reader closed its end
     */
    public boolean writePastLimit(Message message) {
        releaseWakeup();
        if (readerClosed) {
            return false;
        }
        if (latest != null) {
            return replaceLatest(message);
        }
        writer.append(message);
        writer.addBytes(message.byteCount());
        writer.count = writer.count + 1;
        wakeReaderIfWaiting();
        return true;
    }

    private boolean write(Message message, boolean batched) {
        if (readerClosed || !hasRoom()) {
            return false;
        }
        if (latest != null) {
            return replaceLatest(message);
        }
        writer.append(message);
        writer.addBytes(message.byteCount());
        if (batched) {
            writer.countWithoutFence();
            writer.batchOpen = true;
        } else {
            writer.count = writer.count + 1;
            wakeReaderIfWaiting();
        }
        return true;
    }

    private void wakeReaderIfWaiting() {
        if (readerArmed) {
            disarmReader();
        }
    }

    /** Disarms the reader's wake-up; whoever does so first runs the listener. */
    private void disarmReader() {
        if (READER_ARMED.compareAndSet(this, true, false)) {
            readerListener.onReadable();
        }
    }

    /** Disarms the writer's wake-up; whoever does so first runs the listener. */
    private void disarmWriter() {
        if (WRITER_ARMED.compareAndSet(this, true, false)) {
            writerListener.onWritable();
        }
    }

    private boolean replaceLatest(Message message) {
        writer.addBytes(message.byteCount());
        if (latest.getAndSet(message) == null) {
            writer.count = writer.count + 1;
            wakeReaderIfWaiting();
        }
        return true;
    }

    private Message takeLatest() {
        Message message = latest.getAndSet(null);
        if (message == null) {
            message = armReaderForLatest();
            if (message == null) {
                return null;
            }
        }
        reader.count = reader.count + 1;
        return message;
    }

    /** {@link #armReader} for a conflating pipe: returns the message to take, or null. */
    private Message armReaderForLatest() {
        if (writerClosed) {
            return latest.getAndSet(null);
        }
        readerArmed = true;
        if (latest.get() == null && !writerClosed) {
            return null;
        }
        if (!READER_ARMED.compareAndSet(this, true, false)) {
            return null;
        }
        Message message = latest.getAndSet(null);
        if (message == null) {
            readerListener.onReadable();
        }
        return message;
    }

    /**
     * Returns whether the high-water mark leaves room for one more message; if not, the writer's
     * listener will run once the reader has drained the pipe to the low-water mark, the mark is raised
     * or the reader closes, as after a refused {@link #write}. A pipe whose reader had already closed
     * when this call looked arms nothing. Writer thread only; a true answer holds until the writer
     * writes.
     *
     * @return true if a write would not be refused for want of room
     */
    public boolean hasRoom() {
        int limit = hwm;
        long written = writer.count;
        if (limit > 0 && written - writer.otherCountSeen >= limit) {
            if (writerArmed) {
                // Armed by an earlier refusal: the reader clears the flag at the low-water mark, so until
                // then the pipe counts as full without touching the reader's counter (a writer that keeps
                // trying, such as a PUB dropping, would otherwise steal its cache line on every message).
                return false;
            }
            writer.otherCountSeen = reader.count;
            if (written - writer.otherCountSeen >= limit) {
                return armWriter(written);
            }
        }
        return true;
    }

    /**
     * The pipe looked full to a writer that was not armed: arms the writer, then looks again at the
     * current mark, the reader's count and whether the reader closed (each load after the store of the
     * flag: see the package documentation). If nothing changed, the writer stays armed and whoever
     * changes something runs the wake-up; otherwise this call disarms, and answers yes if there is room,
     * or runs the wake-up itself if the reader closed meanwhile. A call that loses the disarming to
     * another thread answers no: the winner runs the wake-up.
     *
     * @return whether there is room, with no wake-up owed
     */
    private boolean armWriter(long written) {
        if (readerClosed) {
            return false;
        }
        writerArmed = true;
        int limit = hwm;
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
     * Returns whether a write would be refused right now. Any thread; a hint only.
     *
     * @return true if the pipe holds at least {@code hwm} messages
     */
    public boolean isFull() {
        int limit = hwm;
        return limit > 0 && writer.count - reader.count >= limit && !readerClosed;
    }

    /**
     * Returns whether a write would be accepted now; if not, arms the writer wake-up exactly as a
     * refused write does, so a poller waiting for room is woken. Writer thread only.
     *
     * @return true if the pipe has room (or no limit)
     */
    public boolean hasRoomOrWatch() {
        return !readerClosed && hasRoom();
    }

    /**
     * Takes the oldest message. Reader thread only.
     *
     * @return the message, or null if the pipe was empty: then the reader's listener will run on the
     *     next write or on {@link #closeWriting()}, unless the writer had already closed when this call
     *     looked ({@link #isDrainedAndClosed()} then says so)
     */
    public Message read() {
        if (latest != null) {
            return takeLatest();
        }
        long count = reader.count;
        if (reader.otherCountSeen == count) {
            long written = writer.count;
            if (written == count) {
                written = armReader(count);
                if (written == count) {
                    return null;
                }
            }
            reader.otherCountSeen = written;
        }
        Message message = (Message) reader.take();
        reader.count = count + 1;
        if (writerArmed) {
            int limit = hwm;
            if (limit == 0 || writer.count - (count + 1) <= lowWaterMark(limit)) {
                disarmWriter();
            }
        }
        return message;
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
    private long armReader(long count) {
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

    private static long lowWaterMark(int limit) {
        return limit / 2;
    }

    /**
     * Returns how many messages were written so far. Any thread; a snapshot.
     *
     * @return the message count
     */
    public long messagesWritten() {
        return writer.count;
    }

    /**
     * Returns the body bytes of every message written so far. Any thread; a snapshot.
     *
     * @return the byte count
     */
    public long bytesWritten() {
        return writer.bytes;
    }

    /**
     * Returns how many messages are queued. Any thread; a snapshot.
     *
     * @return the queue depth
     */
    public long size() {
        return Math.max(0, writer.count - reader.count);
    }

    /**
     * Returns the high-water mark.
     *
     * @return messages, 0 for no limit
     */
    public int highWaterMark() {
        return hwm;
    }

    /**
     * Says that no more messages will be written; wakes an armed reader so it can notice. Writer thread
     * only. The store of the closed flag precedes the look at the reader's flag, and an arming reader
     * looks at the closed flag after its store of the flag, so one of the two sees the other.
     */
    public void closeWriting() {
        writerClosed = true;
        disarmReader();
    }

    /**
     * Says that nothing will be read any more; wakes an armed writer so it can notice. Reader thread
     * only. Ordered against an arming writer as {@link #closeWriting()} is against an arming reader.
     */
    public void closeReading() {
        readerClosed = true;
        disarmWriter();
    }

    /**
     * Returns whether the writer closed its end and every message has been read.
     *
     * @return true once the pipe is finished for the reader
     */
    public boolean isDrainedAndClosed() {
        return writerClosed && writer.count == reader.count;
    }

    /**
     * Returns whether the writer closed its end.
     *
     * @return true after {@link #closeWriting()}
     */
    public boolean isWriterClosed() {
        return writerClosed;
    }

    /**
     * Returns whether the reader closed its end.
     *
     * @return true after {@link #closeReading()}
     */
    public boolean isReaderClosed() {
        return readerClosed;
    }

    /**
     * Returns whether the writer is armed: refused for want of room and owed a wake-up. For tests.
     *
     * @return the writer's armed flag
     */
    boolean isWriterArmed() {
        return writerArmed;
    }

    /**
     * Returns whether the reader is armed: it found the pipe empty and is owed a wake-up. For tests.
     *
     * @return the reader's armed flag
     */
    boolean isReaderArmed() {
        return readerArmed;
    }
}
