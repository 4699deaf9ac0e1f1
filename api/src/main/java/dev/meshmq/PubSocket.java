package dev.meshmq;

import java.time.Duration;

/**
 * PUB: the sending end of publish-subscribe. Each message goes to every connected subscriber whose
 * subscriptions match it: a subscription is a prefix of the message's first frame, and the empty
 * subscription matches every message. Filtering happens here, at the publisher, for every transport.
 *
 * <p>Sending never blocks: a subscriber whose queue is at {@link SocketOptions#SEND_HWM} misses the
 * message (it is dropped for that subscriber only), and every drop is counted in
 * {@link #publisherStatistics()}; a {@link DropListener} hears when a subscriber starts and stops dropping.
 * With {@link SocketOptions#XPUB_NODROP} a send instead waits until every
 * matching subscriber has room (or {@link #trySend} returns false), and nothing is dropped.
 *
 * <p>A message sent before a subscriber's subscriptions arrived is not delivered to it (the "slow
 * joiner"); {@link #awaitSubscribers} waits until enough subscribers are in place.
 *
 * <p>Thread-safety: single owner (see {@link Socket}), except {@link #publisherStatistics()} and
 * {@link #setDropListener}, which any thread may call at any time.
 */
public interface PubSocket extends Socket, MessageSender {

    /**
     * Returns a snapshot of what this socket has published, queued and dropped, in total and per
     * subscriber. Safe from any thread.
     *
     * @return the counters now
     */
    PublisherStatistics publisherStatistics();

    /**
     * Sets the listener told when a subscriber starts and stops dropping at the high-water mark, or
     * removes it. Safe from any thread; applies from the next send. Without a listener drops cost a
     * counter increment only.
     *
     * @param listener the listener, called on the publishing thread; null for none
     */
    void setDropListener(DropListener listener);

    /**
     * Waits until at least {@code count} subscriber connections hold at least one subscription.
     * Messages sent after this returns true reach those subscribers (subject to their filters and
     * the high-water mark).
     *
     * @param count how many subscribers to wait for
     * @param timeout how long to wait at most
     * @return true if that many subscribers are in place, false if the timeout passed first
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws MeshInterruptedException if the thread is interrupted while waiting
     */
    boolean awaitSubscribers(int count, Duration timeout);
}
