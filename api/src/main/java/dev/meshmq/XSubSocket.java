package dev.meshmq;

/**
 * XSUB: a subscriber that sends its subscriptions as messages, as used in proxies. Sending a
 * single-frame message whose first byte is 1 subscribes to the topic in the rest of the frame; 0
 * cancels such a subscription. Both go to every publisher, present and future, and are sent again
 * after a reconnection; as in libzmq, subscribing twice needs two cancels, and only the last one
 * goes to the publishers (a cancel for a topic not subscribed goes nowhere). Any other message is
 * forwarded to every connected publisher unchanged. Received messages are not filtered locally: the
 * publishers filter.
 *
 * <p>Thread-safety: single owner (see {@link Socket}).
 */
public interface XSubSocket extends Socket, MessageSender, MessageReceiver {
}
