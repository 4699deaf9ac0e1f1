package dev.meshmq;

/**
 * DEALER: asynchronous request-reply. Sends round-robin to its peers (blocking when all are at the
 * high-water mark) and receives fair-queued from them, with no envelope rules of its own.
 *
 * <p>Thread-safety: single owner (see {@link Socket}).
 */
public interface DealerSocket extends Socket, MessageSender, MessageReceiver {
}
