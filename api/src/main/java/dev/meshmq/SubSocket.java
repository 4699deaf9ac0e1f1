package dev.meshmq;

import java.nio.charset.StandardCharsets;

/**
 * SUB: the receiving end of publish-subscribe. Receives, fair-queued, the messages of every connected
 * publisher whose first frame starts with one of this socket's subscriptions. A new socket receives
 * nothing until it subscribes; the empty topic subscribes to everything.
 *
 * <p>Subscriptions are a multiset: subscribing to a topic twice needs two unsubscribes before its
 * messages stop. They go to every publisher, present and future, and are sent again after every
 * reconnection; as libzmq's SUB does, the wire carries every subscribe but a cancel only when the
 * last subscription to a topic ends (a publisher holds a topic once per subscriber). A SUB that
 * binds learns of a newly connected publisher, and sends it its subscriptions, the next time its
 * owner calls into it (a receive, even one that does not wait), as in libzmq. The publisher
 * filters; this socket filters too, so a message it has no subscription
 * for never reaches the application (with {@link SocketOptions#INVERT_MATCHING}, only such messages
 * do). With {@link SocketOptions#CONFLATE}, a receive returns only the newest message waiting.
 *
 * <p>Thread-safety: single owner (see {@link Socket}).
 */
public interface SubSocket extends Socket, MessageReceiver {

    /**
     * Adds a subscription: messages whose first frame starts with {@code topic}.
     *
     * @param topic the prefix; empty for every message
     */
    void subscribe(byte[] topic);

    /**
     * Removes one subscription to {@code topic}; does nothing if there is none.
     *
     * @param topic the prefix
     */
    void unsubscribe(byte[] topic);

    /**
     * Adds a subscription to the UTF-8 bytes of {@code topic}.
     *
     * @param topic the prefix; empty for every message
     */
    default void subscribe(String topic) {
        subscribe(topic.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Removes one subscription to the UTF-8 bytes of {@code topic}.
     *
     * @param topic the prefix
     */
    default void unsubscribe(String topic) {
        unsubscribe(topic.getBytes(StandardCharsets.UTF_8));
    }
}
