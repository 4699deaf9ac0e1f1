package dev.meshmq.transport;

/**
 * Sixty-four bytes of fields that nothing reads, laid out before a subclass's own fields (the JVM
 * places superclass fields first), so that the subclass's hot fields never share a cache line with
 * the end of whatever object the JVM placed just before it. Two threads that each write their own
 * counter on every message otherwise slow each other down through the cache line they share (false
 * sharing), which is what this exists to prevent.
 *
 * <p>Thread-safety: no state of its own that anyone uses.
 */
@SuppressWarnings("unused")
abstract class CacheLinePadding {
    private long leading0;
    private long leading1;
    private long leading2;
    private long leading3;
    private long leading4;
    private long leading5;
    private long leading6;
    private long leading7;
}
