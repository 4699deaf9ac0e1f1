package dev.meshmq.transport;

/**
 * What the writing end of a {@link Pipe} is told: that a writer refused for want of room may write
 * again, because the reader drained the pipe to the low-water mark, the high-water mark was raised, or
 * the reader closed its end (then the next write is refused at once and the writer should move on). One
 * per pipe, registered once with {@link Pipe#registerWriter}.
 *
 * <p>Threading: the listener runs on whichever thread disarmed the wake-up (see the package
 * documentation): the reader's thread in {@code read} or {@code closeReading}, the thread that
 * raised the mark, or the writer's own thread when the reader closed while it was arming.
 * It runs once per arming of the writer, when room or the close comes. It must be cheap, must not block and
 * must not call back into the pipe; it usually posts a task to its end's thread or unparks it.
 */
@FunctionalInterface
public interface PipeWriterListener {

    /** The writer that was refused may write again (or find the reader gone). */
    void onWritable();
}
