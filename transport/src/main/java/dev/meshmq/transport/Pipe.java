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
 * <p>Visibility follows from two volatile counters, one per {@link PipeEnd}: the writer increments
 * its count after queuing a message, the reader increments its own after taking one; each side sets
 * its waiting flag before re-reading the other side's counter, so no wake-up is lost. Each end keeps
 * its counter on cache lines of its own and reads the other end's only when its cached view runs
 * out (the reader) or the pipe looks full (the writer).
 *
 * <p>Thread-safety: {@code write}/{@code closeWriting} from the writer thread only, {@code read} and
 * {@code closeReading} from the reader thread only; the other methods from any thread.
 */
public final class Pipe {

    private static final VarHandle READER_WAITING;
    private static final VarHandle WRITER_WAITING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            READER_WAITING = lookup.findVarHandle(Pipe.class, "readerWaiting", boolean.class);
            WRITER_WAITING = lookup.findVarHandle(Pipe.class, "writerWaiting", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The writer's end: its chunk, slot, message and byte counts, and its view of the reader's count. */
    private final PipeEnd writer;
    /** The reader's end: its chunk, slot, message count, and its view of the writer's count. */
    private final PipeEnd reader;
    private volatile int hwm;
    private volatile boolean readerWaiting;
    private volatile boolean writerWaiting;
    private volatile boolean writerClosed;
    private volatile boolean readerClosed;
    private volatile Runnable readerWakeup = () -> { };
    private volatile Runnable writerWakeup = () -> { };

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
     * Changes the high-water mark; takes effect for the next write. Any thread: a writer refused by the
     * old mark is woken if the new one leaves room.
     *
     * @param hwm messages, 0 for no limit
     */
    public void setHighWaterMark(int hwm) {
        if (hwm < 0) {
            throw new IllegalArgumentException("hwm must not be negative: " + hwm);
        }
        this.hwm = latest != null ? 0 : hwm;
        if (writerWaiting && !isFull()) {
            wakeWriter();
        }
    }

    /**
     * Sets what runs (on the writer's thread of choice) when a waiting reader has something to read.
     *
     * @param wakeup must be cheap and must not block; it usually posts a task or unparks a thread
     */
    public void setReaderWakeup(Runnable wakeup) {
        this.readerWakeup = Objects.requireNonNull(wakeup, "wakeup");
    }

    /**
     * Sets what runs when a writer refused by the high-water mark may write again.
     *
     * @param wakeup must be cheap and must not block
     */
    public void setWriterWakeup(Runnable wakeup) {
        this.writerWakeup = Objects.requireNonNull(wakeup, "wakeup");
    }

    /**
     * Queues a message unless the pipe is full or its reader is gone. Writer thread only.
     *
     * @param message the message
     * @return false if the pipe is at its high-water mark (the writer wake-up will run later) or the
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
        if (readerWaiting && READER_WAITING.compareAndSet(this, true, false)) {
            readerWakeup.run();
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
            readerWaiting = true;
            message = latest.getAndSet(null);
            if (message == null) {
                return null;
            }
            READER_WAITING.compareAndSet(this, true, false);
        }
        reader.count = reader.count + 1;
        return message;
    }

    /**
     * Returns whether the high-water mark leaves room for one more message; if not, the writer
     * wake-up will run once the reader has drained the pipe to the low-water mark, as after a refused
     * {@link #write}. Writer thread only; a true answer holds until the writer writes.
     *
     * @return true if a write would not be refused for want of room
     */
    public boolean hasRoom() {
        int limit = hwm;
        long written = writer.count;
        if (limit > 0 && written - writer.otherCountSeen >= limit) {
            if (writerWaiting) {
                // Armed by an earlier refusal: the reader clears the flag at the low-water mark, so until
                // then the pipe counts as full without touching the reader's counter (a writer that keeps
                // trying, such as a PUB dropping, would otherwise steal its cache line on every message).
                return false;
            }
            writer.otherCountSeen = reader.count;
            if (written - writer.otherCountSeen >= limit) {
                writerWaiting = true;
                writer.otherCountSeen = reader.count;
                limit = hwm; // re-read after announcing: a concurrent setHighWaterMark either sees us or we see it
                if (limit > 0 && written - writer.otherCountSeen >= limit) {
                    return false;
                }
                WRITER_WAITING.compareAndSet(this, true, false);
            }
        }
        return true;
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
     * @return the message, or null if the pipe is empty (the reader wake-up will run on the next write)
     */
    public Message read() {
        if (latest != null) {
            return takeLatest();
        }
        long count = reader.count;
        if (reader.otherCountSeen == count) {
            long written = writer.count;
            if (written == count) {
                readerWaiting = true;
                written = writer.count;
                if (written == count) {
                    return null;
                }
                READER_WAITING.compareAndSet(this, true, false);
            }
            reader.otherCountSeen = written;
        }
        Message message = (Message) reader.take();
        reader.count = count + 1;
        if (writerWaiting) {
            int limit = hwm;
            if (limit == 0 || writer.count - (count + 1) <= lowWaterMark(limit)) {
                wakeWriter();
            }
        }
        return message;
    }

    private void wakeWriter() {
        if (WRITER_WAITING.compareAndSet(this, true, false)) {
            writerWakeup.run();
        }
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

    /** Says that no more messages will be written; wakes a waiting reader so it can notice. */
    public void closeWriting() {
        writerClosed = true;
        if (READER_WAITING.compareAndSet(this, true, false)) {
            readerWakeup.run();
        }
    }

    /** Says that nothing will be read any more; wakes a waiting writer so it can notice. */
    public void closeReading() {
        readerClosed = true;
        wakeWriter();
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
}
