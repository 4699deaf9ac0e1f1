package dev.meshmq.transport;

/**
 * What the reading end of a {@link Pipe} is told: that a read which found the pipe empty would now
 * find a message, or that the writer closed its end. One per pipe, registered once with
 * {@link Pipe#registerReader}.
 *
 * <p>Threading: the listener runs on whichever thread disarmed the wake-up (see the package
 * documentation): the writer's thread in {@code write}, {@code releaseWakeup} or
 * {@code closeWriting}, or the reader's own thread when the writer closed while it was arming.
 * It runs once per arming of the reader, when a message or the close comes. It must be cheap, must not block and
 * must not call back into the pipe; it usually posts a task to its end's thread or unparks it.
 */
@FunctionalInterface
public interface PipeReaderListener {

    /** The reader that found the pipe empty may read again. */
    void onReadable();
}
