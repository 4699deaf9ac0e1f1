package dev.meshmq.patterns.pubsub;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.patterns.routing.FairQueue;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SubscriptionWire;

/**
 * What SUB and XSUB share: fair-queued receipt from the publisher links, the socket's own
 * subscriptions (a multiset), and sending them to every link, each new link getting all of them.
 *
 * <p>Thread-safety: the socket's caller thread only.
 */
final class SubscriberLinks {

    private final FairQueue fairQueue = new FairQueue(link -> { });
    private final UpstreamWriter upstream = new UpstreamWriter();
    private final SubscriptionIndex<SubscriberLinks> subscriptions = new SubscriptionIndex<>();

    /** A new publisher link: read from it and send it every topic held, once (as libzmq does). */
    void admit(PeerLink link) {
        fairQueue.activate(link);
        upstream.add(link);
        subscriptions.forEachTopic(this, topic -> upstream.send(link, SubscriptionWire.message(true, topic), false));
    }

    /** A link went away: read what is left, send nothing more. */
    void detached(PeerLink link) {
        fairQueue.activate(link);
        upstream.remove(link);
    }

    void readable(PeerLink link) {
        fairQueue.activate(link);
    }

    void writable(PeerLink link) {
        upstream.flush(link);
    }

    /** Adds a subscription and sends it to every link. */
    void subscribe(byte[] topic) {
        subscriptions.add(topic, this);
        upstream.sendToAll(SubscriptionWire.message(true, topic), false);
    }

    /**
     * Removes a subscription held and, if it was the last one to the topic, sends the cancel to every
     * link, as libzmq's SUB and XSUB do: a publisher holds a topic once per subscriber however often it
     * was subscribed (libzmq's XPUB keeps a set per peer), so one cancel ends it.
     */
    void unsubscribe(byte[] topic) {
        if (subscriptions.remove(topic, this) == SubscriptionIndex.Removal.LAST) {
            upstream.sendToAll(SubscriptionWire.message(false, topic), false);
        }
    }

    /**
     * ONLY_FIRST_SUBSCRIBE: applies the subscription in a multipart message's first frame here (kept,
     * and sent again after a reconnect, as a plain subscription) and sends the whole message to every
     * link, as libzmq's XSUB does, so that the publisher finds the subscription and the user data in it.
     */
    void carry(boolean subscribe, byte[] topic, Message message) {
        if (subscribe) {
            subscriptions.add(topic, this);
        } else {
            subscriptions.remove(topic, this);
        }
        upstream.sendToAll(message, false);
    }

    /** Forwards a message that is no subscription to every link that has room. */
    void forward(Message message) {
        upstream.sendToAll(message, true);
    }

    /** Returns the next message in turn, or null. */
    Message receive() {
        return fairQueue.receive();
    }

    /** Returns whether a message's first frame starts with one of the subscriptions. */
    boolean matches(Message message) {
        return subscriptions.matchesAny(message.size() == 0 ? Frame.EMPTY : message.first());
    }
}
