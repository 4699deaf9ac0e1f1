package dev.meshmq.transport;

import dev.meshmq.Message;
import java.lang.invoke.VarHandle;

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
 * refused call, which then answers yes instead. The flags and the arming steps live in
 * {@link PipeSignals}, a CONFLATE pipe's single slot in {@link ConflatingSlot}; the package
 * documentation gives the memory-ordering argument. Each end keeps its counter on cache lines of its
 * own ({@link PipeEnd}) and reads the other end's only when its cached view runs out (the reader) or
 * the pipe looks full (the writer).
 *
 * <p>Thread-safety: {@code write}, {@code writeHoldingWakeup}, {@code releaseWakeup}, {@code hasRoom},
 * {@code hasRoomOrWatch} and {@code closeWriting} from the writer thread only, {@code read} and
 * {@code closeReading} from the reader thread only; the other methods from any thread.
 */
public final class Pipe {

    /** The writer's end: its chunk, slot, message and byte counts, and its view of the reader's count. */
    private final PipeEnd writer;
    /** The reader's end: its chunk, slot, message count, and its view of the writer's count. */
    private final PipeEnd reader;
    /** The ends' closed and armed flags, their listeners and the arming protocol. */
    private final PipeSignals signals;
    private volatile int hwm;
    /** CONFLATE: the pipe holds one message, the newest; null for an ordinary queue. */
    private final ConflatingSlot latest;

    /**
     * Creates a pipe.
     *
     * @param hwm the high-water mark in messages; 0 means no limit
     */
    public Pipe(int hwm) {
        this(hwm, false);
    }

    private Pipe(int hwm, boolean conflating) {
        PipeEnd[] ends = PipeEnd.pair();
        this.writer = ends[0];
        this.reader = ends[1];
        this.signals = new PipeSignals(writer, reader, this::highWaterMark);
        this.latest = conflating ? new ConflatingSlot(writer, reader, signals) : null;
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
        if (signals.isWriterArmed() && !isFull()) {
            signals.wakeWriter();
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
        signals.registerReader(listener);
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
        signals.registerWriter(listener);
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
        return !signals.isReaderClosed() && append(message, false);
    }

    private boolean write(Message message, boolean batched) {
        return !signals.isReaderClosed() && hasRoom() && append(message, batched);
    }

    /** Puts an admitted message in: in the slot of a conflating pipe, else at the queue's tail. */
    private boolean append(Message message, boolean batched) {
        if (latest != null) {
            return latest.write(message);
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
        if (signals.isReaderArmed()) {
            signals.wakeReader();
        }
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
            if (signals.isWriterArmed()) {
                // Armed by an earlier refusal: the reader clears the flag at the low-water mark, so until
                // then the pipe counts as full without touching the reader's counter (a writer that keeps
                // trying, such as a PUB dropping, would otherwise steal its cache line on every message).
                return false;
            }
            writer.otherCountSeen = reader.count;
            if (written - writer.otherCountSeen >= limit) {
                return signals.armWriter(written);
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
        return limit > 0 && writer.count - reader.count >= limit && !signals.isReaderClosed();
    }

    /**
     * Returns whether a write would be accepted now; if not, arms the writer wake-up exactly as a
     * refused write does, so a poller waiting for room is woken. Writer thread only.
     *
     * @return true if the pipe has room (or no limit)
     */
    public boolean hasRoomOrWatch() {
        return !signals.isReaderClosed() && hasRoom();
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
            return latest.read();
        }
        long count = reader.count;
        if (reader.otherCountSeen == count) {
            long written = writer.count;
            if (written == count) {
                written = signals.armReader(count);
                if (written == count) {
                    return null;
                }
            }
            reader.otherCountSeen = written;
        }
        Message message = (Message) reader.take();
        reader.count = count + 1;
        if (signals.isWriterArmed()) {
            int limit = hwm;
            if (limit == 0 || writer.count - (count + 1) <= lowWaterMark(limit)) {
                signals.wakeWriter();
            }
        }
        return message;
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
        signals.closeWriting();
    }

    /**
     * Says that nothing will be read any more; wakes an armed writer so it can notice. Reader thread
     * only. Ordered against an arming writer as {@link #closeWriting()} is against an arming reader.
     */
    public void closeReading() {
        signals.closeReading();
    }

    /**
     * Returns whether the writer closed its end and every message has been read.
     *
     * @return true once the pipe is finished for the reader
     */
    public boolean isDrainedAndClosed() {
        return signals.isWriterClosed() && writer.count == reader.count;
    }

    /**
     * Returns whether the writer closed its end.
     *
     * @return true after {@link #closeWriting()}
     */
    public boolean isWriterClosed() {
        return signals.isWriterClosed();
    }

    /**
     * Returns whether the reader closed its end.
     *
     * @return true after {@link #closeReading()}
     */
    public boolean isReaderClosed() {
        return signals.isReaderClosed();
    }

    /**
     * Returns whether the writer is armed: refused for want of room and owed a wake-up. For tests.
     *
     * @return the writer's armed flag
     */
    boolean isWriterArmed() {
        return signals.isWriterArmed();
    }

    /**
     * Returns whether the reader is armed: it found the pipe empty and is owed a wake-up. For tests.
     *
     * @return the reader's armed flag
     */
    boolean isReaderArmed() {
        return signals.isReaderArmed();
    }
}
