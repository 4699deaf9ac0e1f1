package dev.meshmq;

/**
 * GATHER: the thread-safe receiving end of a pipeline: messages from all SCATTER peers, fair-queued.
 * Single-frame messages only (a multipart message from a peer is discarded).
 *
 * <p>Thread-safety: safe to use from any number of threads at once, as in libzmq (a draft type there).
 */
public interface GatherSocket extends Socket, MessageReceiver {
}
