package dev.meshmq;

/**
 * XPUB: a {@link PubSocket} that also shows the application the subscriptions it receives, as
 * messages whose first byte is 1 (subscribe) or 0 (cancel) followed by the topic. By default only the
 * first subscription to a topic and the cancel that leaves it without subscribers are shown, and, as
 * in libzmq, a cancel for a topic nobody holds; {@link SocketOptions#XPUB_VERBOSE} shows every
 * subscribe and {@link SocketOptions#XPUB_VERBOSER} also every cancel. When a subscriber goes away,
 * cancels are shown for the topics nobody holds any more. Other messages from subscribers (from an
 * XSUB) are received unchanged.
 *
 * <p>With {@link SocketOptions#XPUB_MANUAL} subscriptions are shown but not applied; the application
 * applies them with {@link #subscribe} and {@link #unsubscribe}, which act on the subscriber the last
 * received subscription came from. {@link SocketOptions#XPUB_WELCOME_MSG} is sent to each new
 * subscriber as soon as it connects.
 *
 * <p>Thread-safety: single owner (see {@link Socket}), except {@link #publisherStatistics()}.
 */
public interface XPubSocket extends PubSocket, MessageReceiver {

    /**
     * In {@link SocketOptions#XPUB_MANUAL} mode, subscribes the subscriber the last received
     * subscription came from to {@code topic}.
     *
     * @param topic the prefix
     * @throws IllegalStateException if XPUB_MANUAL is off or no subscription was received yet
     */
    void subscribe(byte[] topic);

    /**
     * In {@link SocketOptions#XPUB_MANUAL} mode, cancels one subscription to {@code topic} of the
     * subscriber the last received subscription came from.
     *
     * @param topic the prefix
     * @throws IllegalStateException if XPUB_MANUAL is off or no subscription was received yet
     */
    void unsubscribe(byte[] topic);
}
