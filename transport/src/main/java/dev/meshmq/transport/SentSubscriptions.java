package dev.meshmq.transport;

import dev.meshmq.Message;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The topics a SUB or XSUB link has subscribed on the wire, taken from its pipe: a set, as the
 * publisher keeps it (libzmq's XPUB holds a topic once per peer however often it was subscribed, and
 * one cancel ends it; the socket therefore sends a cancel only when it holds the topic no more). When
 * a connect-side link gets a new connection, its engine replays them before anything else, so the new
 * peer holds exactly what the socket asked for: subscriptions still queued in the pipe are not
 * recorded yet and follow the replay, and nothing taken by the previous connection is lost.
 *
 * <p>Thread-safety: the link's I/O thread only (one engine at a time serves a link).
 */
final class SentSubscriptions {

    private final Set<ByteBuffer> topics = new HashSet<>();

    /**
     * Records a message taken from the pipe if it is a subscription or cancel.
     *
     * @param message the message about to be sent
     */
    void record(Message message) {
        if (!SubscriptionWire.isSubscription(message)) {
            return;
        }
        ByteBuffer topic = ByteBuffer.wrap(SubscriptionWire.topic(message));
        if (SubscriptionWire.isSubscribe(message)) {
            topics.add(topic);
        } else {
            topics.remove(topic);
        }
    }

    /**
     * Returns one subscribe message per recorded topic, for a new connection.
     *
     * @return the messages, in no particular order
     */
    ArrayDeque<Message> replay() {
        ArrayDeque<Message> messages = new ArrayDeque<>();
        for (ByteBuffer topic : topics) {
            messages.add(SubscriptionWire.message(true, topic.array()));
        }
        return messages;
    }
}
