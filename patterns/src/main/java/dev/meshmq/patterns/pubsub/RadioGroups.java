package dev.meshmq.patterns.pubsub;

import dev.meshmq.Message;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.patterns.core.SocketCounters;
import dev.meshmq.transport.GroupWire;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SafeLogger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The distributing half of RADIO: its DISH links, the groups each joined (a set per link, exact match,
 * as libzmq's radio keeps them), and sending a message to every link that joined its group, plus every
 * {@code udp://} link, which carries all groups. A link at its high-water mark misses the message,
 * counted as dropped. A message too long for one udp datagram ({@link GroupWire#fitsDatagram}: group
 * length byte, group and body above 8192 bytes, what a libzmq receiver reads) is dropped for the udp links
 * before it reaches their pipes, counted as dropped for each of them (not as a high-water-mark drop), and
 * logged once per socket at WARNING; the links of the tcp, ipc and inproc DISHes still get it. When the
 * connection behind a link ends, its joins are forgotten; the DISH sends them again on the next connection.
 *
 * <p>Thread-safety: the socket's caller thread (under the thread-safe types' lock), except
 * {@link #statistics()} (any thread).
 */
final class RadioGroups {

    private static final System.Logger LOG = SafeLogger.named(RadioGroups.class.getName());

    private final Map<PeerLink, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final Map<Subscriber, Set<String>> joinsOf = new HashMap<>();
    private final Map<String, List<Subscriber>> members = new HashMap<>();
    private final List<Subscriber> everyGroup = new ArrayList<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final SocketCounters counters;
    private final DropNotifier dropNotifier = new DropNotifier();
    private boolean warnedTooLarge;

    RadioGroups(SocketCounters counters) {
        this.counters = counters;
    }

    /** A new link: a udp one gets every group, another what it joins. */
    void add(PeerLink link) {
        Subscriber subscriber = new Subscriber(link, counters.socketType());
        subscribers.put(link, subscriber);
        joinsOf.put(subscriber, new HashSet<>());
        if (link.endpoint().regionMatches(true, 0, "udp://", 0, "udp://".length())) {
            everyGroup.add(subscriber);
        }
    }

    /** A link went away, with its joins. */
    void remove(PeerLink link) {
        Subscriber subscriber = subscribers.remove(link);
        if (subscriber == null) {
            return;
        }
        forget(subscriber);
        joinsOf.remove(subscriber);
        everyGroup.remove(subscriber);
        subscriber.endDropRun(dropNotifier);
    }

    /**
     * Reads the joins and leaves queued on a link; anything else a DISH sent is dropped. A DISH that has
     * joined {@code maxJoins} groups and joins one more is disconnected (see {@link Subscriber#refuse}).
     *
     * @param maxJoins MAX_SUBSCRIPTIONS: the most groups one peer may join, or -1 for no limit
     */
    void readFrom(PeerLink link, int maxJoins) {
        Subscriber subscriber = subscribers.get(link);
        Message message;
        while ((message = link.inbound().read()) != null) {
            if (subscriber == null || subscriber.refused) {
                continue;
            }
            if (message == PeerLink.CONNECTION_ENDED) {
                forget(subscriber);
            } else if (GroupWire.isJoinOrLeave(message)) {
                String group = GroupWire.joinGroup(message);
                if (group != null && !overLimit(subscriber, GroupWire.isJoin(message), group, maxJoins)) {
                    apply(subscriber, GroupWire.isJoin(message), group);
                }
            }
        }
    }

    private boolean overLimit(Subscriber subscriber, boolean join, String group, int maxJoins) {
        Set<String> joined = joinsOf.get(subscriber);
        if (!join || maxJoins == -1 || joined.size() < maxJoins || joined.contains(group)) {
            return false;
        }
        subscriber.refuse("groups", maxJoins);
        return true;
    }

    private void apply(Subscriber subscriber, boolean join, String group) {
        Set<String> joined = joinsOf.get(subscriber);
        if (join && joined.add(group)) {
            members.computeIfAbsent(group, unused -> new ArrayList<>()).add(subscriber);
        } else if (!join && joined.remove(group)) {
            List<Subscriber> list = members.get(group);
            list.remove(subscriber);
            if (list.isEmpty()) {
                members.remove(group);
            }
        }
    }

    private void forget(Subscriber subscriber) {
        for (String group : List.copyOf(joinsOf.get(subscriber))) {
            apply(subscriber, false, group);
        }
    }

    /**
     * Sends a message to the links of its group and the udp links.
     *
     * @param message a single-frame message
     */
    void send(Message message) {
        Message wire = GroupWire.toWire(message);
        long queued = 0;
        long full = 0;
        List<Subscriber> joined = members.getOrDefault(message.group(), List.of());
        boolean udpFits = everyGroup.isEmpty() || fitsDatagram(message, wire);
        long tooLarge = 0;
        for (int i = 0; i < joined.size() + everyGroup.size(); i++) {
            Subscriber target = i < joined.size() ? joined.get(i) : everyGroup.get(i - joined.size());
            if (!udpFits && i >= joined.size()) {
                target.droppedTooLarge();
                tooLarge++;
                continue;
            }
            Subscriber.Delivery delivery = target.offer(wire, dropNotifier);
            if (delivery == Subscriber.Delivery.QUEUED) {
                queued++;
            } else if (delivery == Subscriber.Delivery.DROPPED) {
                full++;
            }
        }
        published.lazySet(published.get() + 1);
        sent.lazySet(sent.get() + queued);
        dropped.lazySet(dropped.get() + full + tooLarge);
        counters.droppedAtHwm(full);
    }

    /** Whether the message fits in one udp datagram; the first time it does not, says so in the log. */
    private boolean fitsDatagram(Message message, Message wire) {
        if (GroupWire.fitsDatagram(wire)) {
            return true;
        }
        if (!warnedTooLarge) {
            warnedTooLarge = true;
            LOG.log(System.Logger.Level.WARNING, "RADIO: a message of {0} bytes in group \"{1}\" does not fit in"
                    + " one udp datagram (at most {2} bytes with its group); dropped for the udp peers and counted"
                    + " in publisherStatistics().messagesDropped (logged once per socket)",
                    message.first().size(), message.group(), GroupWire.MAX_DATAGRAM);
        }
        return false;
    }

    /** Returns how many links joined {@code group}, udp links included. */
    int joined(String group) {
        return members.getOrDefault(group, List.of()).size() + everyGroup.size();
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
