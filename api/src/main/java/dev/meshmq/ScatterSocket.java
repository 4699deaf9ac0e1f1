package dev.meshmq;

/**
 * SCATTER: the thread-safe sending end of a pipeline: each message goes to one GATHER peer, round-robin
 * over those with room; a send waits while none has any. Single-frame messages only (a multipart
 * message is refused with {@link IllegalArgumentException}).
 *
 * <p>Thread-safety: safe to use from any number of threads at once, as in libzmq (a draft type there).
 */
public interface ScatterSocket extends Socket, MessageSender {
}
