package dev.meshmq.patterns.pubsub;

import dev.meshmq.DropListener;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.patterns.core.SocketCounters;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SubscriptionWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The distributing half of PUB and XPUB: the subscriber links, their subscriptions, and sending a
 * message to every subscriber it matches. A subscriber at its high-water mark misses the message
 * (counted as dropped) unless no-drop is asked for, in which case the send is refused as a whole
 * until every matching subscriber has room.
 *
 * <p>Thread-safety: the socket's caller thread, except {@link #statistics()} (any thread).
 */
final class Publisher {

    /** Where the messages a publisher reads from its subscribers go. */
    interface Inbound {
        /** A subscribe or cancel arrived from {@code link}; apply it (or not) and report it (or not). */
        void subscription(PeerLink link, boolean subscribe, byte[] topic);

        /** A message that is no subscription arrived (an XSUB forwards such messages). */
        void other(Message message);

        /** Nobody holds {@code topic} any more because its last holder went away. */
        void orphaned(byte[] topic);

        /** ONLY_FIRST_SUBSCRIBE: whether a multipart message's first frame may be a subscription. */
        default boolean onlyFirstSubscribe() {
            return false;
        }
    }

    private final Map<PeerLink, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final List<Subscriber> all = new ArrayList<>();
    private final SubscriptionIndex<Subscriber> index = new SubscriptionIndex<>();
    private final List<Subscriber> targets = new ArrayList<>();
    /** Made once: a method reference built per message would be an allocation per message. */
    private final Consumer<Subscriber> addTarget = targets::add;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final SocketCounters counters;
    private final DropNotifier dropNotifier = new DropNotifier();

    /**
     * Creates a publisher.
     *
     * @param counters the socket's counters, where drops at the high-water mark are counted too
     */
    Publisher(SocketCounters counters) {
        this.counters = counters;
    }

    /** Adds a subscriber link; it receives nothing until it subscribes. */
    void add(PeerLink link) {
        Subscriber subscriber = new Subscriber(link, counters.socketType());
        subscribers.put(link, subscriber);
        all.add(subscriber);
    }

    /**
     * Removes a subscriber link that went away, and its subscriptions.
     *
     * @return the topics nobody holds any more
     */
    List<byte[]> remove(PeerLink link) {
        Subscriber subscriber = subscribers.remove(link);
        if (subscriber == null) {
            return List.of();
        }
        all.remove(subscriber);
        subscriber.endDropRun(dropNotifier);
        return index.removeAll(subscriber);
    }

    /**
     * Reads everything queued on a link's inbound pipe. When the connection behind a link ends, the
     * publisher forgets what it subscribed to (a connect-side link stays for the next connection).
     *
     * @param link the link
     * @param inbound what to do with each message
     */
    void readFrom(PeerLink link, Inbound inbound) {
        Subscriber subscriber = subscribers.get(link);
        Message message;
        while ((message = link.inbound().read()) != null) {
            if (message == PeerLink.CONNECTION_ENDED) {
                if (subscriber != null) {
                    index.removeAll(subscriber).forEach(inbound::orphaned);
                }
            } else if (subscriber != null && subscriber.refused) {
                continue;
            } else if (SubscriptionWire.isSubscription(message)) {
                inbound.subscription(link, SubscriptionWire.isSubscribe(message), SubscriptionWire.topic(message));
            } else if (FirstFrameSubscription.carriesOne(message) && inbound.onlyFirstSubscribe()) {
                inbound.subscription(link, FirstFrameSubscription.subscribes(message),
                        FirstFrameSubscription.topic(message));
                inbound.other(FirstFrameSubscription.userData(message));
            } else {
                inbound.other(message);
            }
        }
    }

    /**
     * Adds a subscription of a link. A link holds a topic once, however often it subscribes, and one
     * cancel ends it, as in libzmq's XPUB (its SUB sends every subscribe but only the last cancel).
     *
     * @return true if nobody held the topic before
     */
    boolean subscribe(PeerLink link, byte[] topic) {
        Subscriber subscriber = subscribers.get(link);
        return subscriber != null && !index.holds(topic, subscriber) && index.add(topic, subscriber);
    }

    /**
     * Checks MAX_SUBSCRIPTIONS before a subscribe from a peer is applied: a peer that already holds
     * {@code max} topics and asks for one more is disconnected (its connection closed, its link ended, a
     * WARNING logged), and everything it sends after that is ignored. Without a limit a peer could make
     * the socket keep any number of topics (a few hundred bytes of heap each for a few bytes on the wire).
     *
     * @param max the most topics one peer may hold, or -1 for no limit
     * @return true if the subscribe may be applied
     */
    boolean admitSubscribe(PeerLink link, byte[] topic, int max) {
        Subscriber subscriber = subscribers.get(link);
        if (subscriber == null) {
            return true;
        }
        if (subscriber.refused) {
            return false;
        }
        if (max == -1 || index.topicCountOf(subscriber) < max || index.holds(topic, subscriber)) {
            return true;
        }
        subscriber.refuse("topics", max);
        return false;
    }

    /**
     * Removes a link's subscription to a topic.
     *
     * @return what changed
     */
    SubscriptionIndex.Removal cancel(PeerLink link, byte[] topic) {
        Subscriber subscriber = subscribers.get(link);
        if (subscriber == null) {
            return index.isHeld(topic) ? SubscriptionIndex.Removal.NOT_HELD : SubscriptionIndex.Removal.NOBODY_HELD;
        }
        return index.remove(topic, subscriber);
    }

    /**
     * Sends a message to every subscriber it matches.
     *
     * @param message the message
     * @param noDrop refuse the whole send rather than drop for a full subscriber
     * @param invert send to the subscribers it does not match instead
     * @return false only with {@code noDrop}, when some matching subscriber is full (nothing was sent)
     */
    boolean send(Message message, boolean noDrop, boolean invert) {
        Frame first = message.size() == 0 ? Frame.EMPTY : message.first();
        try {
            collectTargets(first, invert);
            if (noDrop) {
                for (Subscriber target : targets) {
                    if (!target.link.outbound().hasRoom()) {
                        return false;
                    }
                }
            }
            long queued = 0;
            long full = 0;
            for (Subscriber target : targets) {
                Subscriber.Delivery delivery = target.offer(message, dropNotifier);
                if (delivery == Subscriber.Delivery.QUEUED) {
                    queued++;
                } else if (delivery == Subscriber.Delivery.DROPPED) {
                    full++;
                }
            }
            published.lazySet(published.get() + 1);
            sent.lazySet(sent.get() + queued);
            dropped.lazySet(dropped.get() + full);
            counters.droppedAtHwm(full);
            return true;
        } finally {
            targets.clear();
        }
    }

    private void collectTargets(Frame first, boolean invert) {
        if (!invert) {
            index.forEachMatch(first, addTarget);
            return;
        }
        index.forEachMatch(first, subscriber -> subscriber.matched = true);
        for (Subscriber subscriber : all) {
            if (!subscriber.matched) {
                targets.add(subscriber);
            }
            subscriber.matched = false;
        }
    }

    /** Sets (or with null removes) the listener told when subscribers start and stop dropping; any thread. */
    void setDropListener(DropListener listener) {
        dropNotifier.set(listener);
    }

    /** Returns how many subscriber links hold at least one subscription. */
    int subscribedLinks() {
        return index.subscriberCount();
    }

    /** Returns a snapshot of the counters; any thread. */
    PublisherStatistics statistics() {
        List<PublisherStatistics.Peer> peers = new ArrayList<>();
        for (Subscriber subscriber : subscribers.values()) {
            peers.add(subscriber.snapshot());
        }
        return new PublisherStatistics(published.get(), sent.get(), dropped.get(), peers);
    }
}
