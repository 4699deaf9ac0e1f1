package dev.meshmq;

/**
 * CLIENT: the thread-safe requesting end of client-server. Sends single-frame messages round-robin
 * to its SERVER peers (waiting at the high-water mark, never dropping) and receives their replies
 * fair-queued. Multipart messages are not allowed: sending one is an {@link IllegalArgumentException},
 * and an incoming multipart message is discarded.
 *
 * <p>Thread-safety: safe to use from any number of threads at once, as in libzmq (a draft type there).
 */
public interface ClientSocket extends Socket, MessageSender, MessageReceiver {
}
