package dev.meshmq.transport;

import dev.meshmq.Message;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listeners that count their wake-ups, and pipes set up in the state each jcstress test starts from.
 * An atomic counter, because a listener may run on either actor's thread.
 *
 * <p>Threading: an instance belongs to one jcstress state object; the counters are safe from any
 * thread.
 */
final class CountingListeners implements PipeReaderListener, PipeWriterListener {

    /** What the pipes carry; its content does not matter. */
    static final Message MESSAGE = Message.of("m");

    private final AtomicInteger readable = new AtomicInteger();
    private final AtomicInteger writable = new AtomicInteger();

    @Override
    public void onReadable() {
        readable.incrementAndGet();
    }

    @Override
    public void onWritable() {
        writable.incrementAndGet();
    }

    int readableCount() {
        return readable.get();
    }

    int writableCount() {
        return writable.get();
    }

    /** A pipe with a high-water mark of 2 holding 2 messages, with this object as both listeners. */
    Pipe fullPipe() {
        Pipe pipe = emptyPipe(2);
        pipe.write(MESSAGE);
        pipe.write(MESSAGE);
        return pipe;
    }

    /** An empty pipe with this object as both listeners. */
    Pipe emptyPipe(int hwm) {
        return listenTo(new Pipe(hwm));
    }

    /** Registers this object as both of {@code pipe}'s listeners. */
    Pipe listenTo(Pipe pipe) {
        pipe.registerReader(this);
        pipe.registerWriter(this);
        return pipe;
    }

    static int bit(boolean value) {
        return value ? 1 : 0;
    }
}
