package dev.meshmq.transport;

/**
 * The fields of a {@link PipeEnd}, declared in a class of their own so that the JVM lays them out
 * between the padding of {@link CacheLinePadding} (before) and the padding of {@link PipeEnd}
 * (after).
 *
 * <p>Thread-safety: see {@link PipeEnd}.
 */
abstract class PipeEndFields extends CacheLinePadding {
    /** The chunk of slots this end is at; its last slot links to the next chunk. */
    Object[] chunk;
    /** The next slot of {@link #chunk} this end uses. */
    int index;
    /** Messages this end has passed (written, or read); the other end reads it. */
    volatile long count;
    /** Body bytes this end has passed; stored with release semantics, read by statistics. */
    volatile long bytes;
    /** This end's last view of the other end's {@link #count}: refreshed only when it matters. */
    long otherCountSeen;
    /** Writer's end only: messages were published without a fence; the batch's end must check the reader. */
    boolean batchOpen;
}
