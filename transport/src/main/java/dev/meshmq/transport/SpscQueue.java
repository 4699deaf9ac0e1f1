package dev.meshmq.transport;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An unbounded queue for exactly one producer thread and one consumer thread, built from linked
 * fixed-size chunks so that steady traffic allocates nothing but the occasional chunk.
 *
 * <p>Thread-safety: {@link #offer} from one producer thread, {@link #poll} from one consumer thread.
 * An element becomes visible to the consumer no later than the producer's next volatile write;
 * {@link Pipe} publishes through its counters and only polls once it has seen the count rise.
 *
 * @param <E> the element type
 */
final class SpscQueue<E> {

    private static final int CHUNK_SIZE = 256;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

    /** One block of slots; {@code next} is published after the first element of the next chunk. */
    private static final class Chunk {
        final Object[] slots = new Object[CHUNK_SIZE];
        volatile Chunk next;
    }

    private Chunk producerChunk;
    private int producerIndex;
    private Chunk consumerChunk;
    private int consumerIndex;

    SpscQueue() {
        Chunk first = new Chunk();
        producerChunk = first;
        consumerChunk = first;
    }

    /**
     * Appends an element. Producer thread only.
     *
     * @param element not null
     */
    void offer(E element) {
        if (producerIndex == CHUNK_SIZE) {
            Chunk next = new Chunk();
            next.slots[0] = element;
            producerChunk.next = next;
            producerChunk = next;
            producerIndex = 1;
            return;
        }
        SLOTS.setRelease(producerChunk.slots, producerIndex, element);
        producerIndex++;
    }

    /**
     * Removes the oldest element. Consumer thread only.
     *
     * @return the element, or null if none is visible
     */
    @SuppressWarnings("unchecked")
    E poll() {
        if (consumerIndex == CHUNK_SIZE) {
            Chunk next = consumerChunk.next;
            if (next == null) {
                return null;
            }
            consumerChunk = next;
            consumerIndex = 0;
        }
        Object[] slots = consumerChunk.slots;
        Object element = SLOTS.getAcquire(slots, consumerIndex);
        if (element == null) {
            return null;
        }
        slots[consumerIndex] = null;
        consumerIndex++;
        return (E) element;
    }
}
