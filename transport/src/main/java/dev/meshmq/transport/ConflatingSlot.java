package dev.meshmq.transport;

import dev.meshmq.Message;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The single slot of a conflating {@link Pipe} (CONFLATE): it holds only the newest message, so a write
 * replaces the one not yet read and never refuses. The ends' counts still advance, once per message
 * that fills an empty slot and once per message read, so the pipe's statistics and its emptiness test
 * work as for a queue.
 *
 * <p>Thread-safety: {@link #write} from the pipe's writer thread, {@link #read} from its reader thread.
 */
final class ConflatingSlot {

    private final AtomicReference<Message> latest = new AtomicReference<>();
    private final PipeEnd writer;
    private final PipeEnd reader;
    private final PipeSignals signals;

    ConflatingSlot(PipeEnd writer, PipeEnd reader, PipeSignals signals) {
        this.writer = writer;
        this.reader = reader;
        this.signals = signals;
    }

    /**
     * Puts {@code message} in the slot, replacing any unread one; wakes the reader if the slot was empty.
     *
     * @param message the message
     * @return true: a conflating pipe never refuses
     */
    boolean write(Message message) {
        writer.addBytes(message.byteCount());
        if (latest.getAndSet(message) == null) {
            writer.count = writer.count + 1;
            if (signals.isReaderArmed()) {
                signals.wakeReader();
            }
        }
        return true;
    }

    /**
     * Takes the message in the slot.
     *
     * @return the message, or null (the reader then stays armed, as for a queue)
     */
    Message read() {
        Message message = latest.getAndSet(null);
        if (message == null) {
            message = armReader();
            if (message == null) {
                return null;
            }
        }
        reader.count = reader.count + 1;
        return message;
    }

    /** The slot looked empty: arms the reader and looks again, as {@link PipeSignals#armReader} does. */
    private Message armReader() {
        if (signals.isWriterClosed()) {
            return latest.getAndSet(null);
        }
        signals.armReaderFlag();
        if (latest.get() == null && !signals.isWriterClosed()) {
            return null;
        }
        if (!signals.tryDisarmReader()) {
            return null;
        }
        Message message = latest.getAndSet(null);
        if (message == null) {
            signals.notifyReader();
        }
        return message;
    }
}
