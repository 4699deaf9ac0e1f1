package dev.meshmq.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One end of a {@link Pipe}: where that end's thread is in the pipe's chain of slot chunks, how many
 * messages (and body bytes) it has passed, and its last view of the other end's count. The writer's
 * end and the reader's end are separate objects, each padded to cache lines of its own, so that per
 * message each thread writes only its own end and the slot it hands over, and reads the other end's
 * counter only when its cached view runs out (the reader) or the pipe looks full (the writer).
 *
 * <p>The chunks are plain arrays of {@value #CHUNK_SLOTS} slots plus one that links to the next
 * chunk, so steady traffic allocates one array per {@value #CHUNK_SLOTS} messages and nothing else.
 * A slot and a link are published by the writer's next volatile store of {@link #count}; the reader
 * takes a slot only after it has read a count that covers it.
 *
 * <p>Thread-safety: an instance is written only by its own end's thread; {@link #count} and
 * {@link #bytes} may be read from any thread.
 */
@SuppressWarnings("unused")
final class PipeEnd extends PipeEndFields {

    private static final int CHUNK_SLOTS = 256;
    private static final VarHandle BYTES;
    private static final VarHandle COUNT;

    static {
        try {
            BYTES = MethodHandles.lookup().findVarHandle(PipeEndFields.class, "bytes", long.class);
            COUNT = MethodHandles.lookup().findVarHandle(PipeEndFields.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long trailing0;
    private long trailing1;
    private long trailing2;
    private long trailing3;
    private long trailing4;
    private long trailing5;
    private long trailing6;
    private long trailing7;

    private PipeEnd(Object[] firstChunk) {
        this.chunk = firstChunk;
    }

    /**
     * Creates the two ends of an empty pipe, sharing its first chunk.
     *
     * @return the writer's end at index 0 and the reader's end at index 1
     */
    static PipeEnd[] pair() {
        Object[] first = new Object[CHUNK_SLOTS + 1];
        return new PipeEnd[] {new PipeEnd(first), new PipeEnd(first)};
    }

    /** Writer's end: puts {@code element} in the next slot, to be published by the next count store. */
    void append(Object element) {
        if (index == CHUNK_SLOTS) {
            Object[] next = new Object[CHUNK_SLOTS + 1];
            chunk[CHUNK_SLOTS] = next;
            chunk = next;
            index = 0;
        }
        chunk[index++] = element;
    }

    /**
     * Reader's end: takes the element of the next slot and clears the slot (so a consumed message is not
     * kept reachable). Call only after reading a writer count that covers the slot.
     */
    Object take() {
        if (index == CHUNK_SLOTS) {
            chunk = (Object[]) chunk[CHUNK_SLOTS];
            index = 0;
        }
        Object element = chunk[index];
        chunk[index++] = null;
        return element;
    }

    /**
     * Adds one to the message count with a release store: what was appended before becomes visible
     * with it, but without the fence of a volatile store, so a later load may pass it. Whoever uses
     * this must fence before deciding that the other end needs no wake-up.
     */
    void countWithoutFence() {
        COUNT.setRelease(this, count + 1);
    }

    /** Adds to the body byte count with a release store (no fence: only statistics read it). */
    void addBytes(long added) {
        BYTES.setRelease(this, bytes + added);
    }
}
