package dev.meshmq.transport;

import dev.meshmq.Message;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The subscriptions a SUB or XSUB link has taken from its pipe for the wire, counted per topic (a
 * multiset: two subscribes need two cancels). When a connect-side link gets a new connection, its
 * engine replays them before anything else, so the new peer holds exactly what the socket asked for:
 * subscriptions still queued in the pipe are not counted yet and follow the replay, and nothing taken
 * by the previous connection is lost or doubled.
 *
 * <p>Thread-safety: the link's I/O thread only (one engine at a time serves a link).
 */
final class SentSubscriptions {

    private final Map<ByteBuffer, Integer> counts = new HashMap<>();

    /**
     * Counts a message taken from the pipe if it is a subscription or cancel.
     *
     * @param message the message about to be sent
     */
    void record(Message message) {
        if (!SubscriptionWire.isSubscription(message)) {
            return;
        }
        ByteBuffer topic = ByteBuffer.wrap(SubscriptionWire.topic(message));
        if (SubscriptionWire.isSubscribe(message)) {
            counts.merge(topic, 1, Integer::sum);
        } else {
            counts.computeIfPresent(topic, (key, count) -> count == 1 ? null : count - 1);
        }
    }

    /**
     * Returns one subscribe message per recorded subscription, for a new connection.
     *
     * @return the messages, in no particular order
     */
    ArrayDeque<Message> replay() {
        ArrayDeque<Message> messages = new ArrayDeque<>();
        counts.forEach((topic, count) -> {
            for (int i = 0; i < count; i++) {
                messages.add(SubscriptionWire.message(true, topic.array()));
            }
        });
        return messages;
    }
}
