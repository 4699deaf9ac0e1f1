package dev.meshmq.patterns.pubsub;

import dev.meshmq.Frame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which subscribers hold which topics, as a multiset (a subscriber that subscribes to a topic twice
 * holds it until it cancels twice), and which subscribers a message's first frame matches: those
 * holding a topic that is a prefix of it, the empty topic matching everything.
 *
 * <p>Matching probes one hash table per distinct topic length no longer than the frame, hashing the
 * frame's prefix incrementally, so a message costs O(frame prefix length) and never a scan of all
 * topics. Memory is one entry per distinct topic plus one slot per (topic, subscriber) pair; counts
 * keep repeated subscriptions from growing it.
 *
 * <p>Thread-safety: the socket's caller thread only.
 *
 * @param <S> the subscriber type (a publisher's peers; a single token for a SUB's own filter)
 */
final class SubscriptionIndex<S> {

    /** What a cancel did. */
    enum Removal {
        /** Nobody held the topic: nothing changed. */
        NOBODY_HELD,
        /** The subscriber did not hold the topic, others do: nothing changed. */
        NOT_HELD,
        /** One subscription was removed; someone still holds the topic. */
        STILL_HELD,
        /** The last subscription to the topic was removed. */
        LAST
    }

    private static final Object[] NO_HOLDERS = new Object[0];

    private final Map<TopicKey, Entry> entries = new HashMap<>();
    private final Map<S, Set<Entry>> bySubscriber = new HashMap<>();
    private final TopicKey probe = new TopicKey(new byte[0], 0, 0);
    private final List<Entry> matched = new ArrayList<>();
    private final Set<Object> seen = new HashSet<>();
    private int[] topicsByLength = new int[0];
    /** Scratch copy of a message's first bytes; one buffer kept, so a publish allocates nothing. */
    private ByteBuffer prefixBuffer = ByteBuffer.wrap(new byte[0]);

    /**
     * Adds one subscription.
     *
     * @param topic the prefix, not modified afterwards
     * @param subscriber who subscribes
     * @return true if nobody held the topic before
     */
    boolean add(byte[] topic, S subscriber) {
        TopicKey key = new TopicKey(topic, topic.length, hash(topic, topic.length));
        Entry entry = entries.get(key);
        boolean first = entry == null;
        if (first) {
            entry = new Entry(key);
            entries.put(key, entry);
            countLength(topic.length, 1);
        }
        if (entry.increment(subscriber)) {
            bySubscriber.computeIfAbsent(subscriber, unused -> new HashSet<>()).add(entry);
        }
        return first;
    }

    /**
     * Removes one subscription.
     *
     * @param topic the prefix
     * @param subscriber who cancels
     * @return what changed
     */
    Removal remove(byte[] topic, S subscriber) {
        Entry entry = entries.get(new TopicKey(topic, topic.length, hash(topic, topic.length)));
        if (entry == null) {
            return Removal.NOBODY_HELD;
        }
        int index = entry.indexOf(subscriber);
        if (index < 0) {
            return Removal.NOT_HELD;
        }
        if (entry.decrement(index)) {
            forgetPair(entry, subscriber);
        }
        return entry.size == 0 ? Removal.LAST : Removal.STILL_HELD;
    }

    /**
     * Removes every subscription of a subscriber.
     *
     * @param subscriber the subscriber that went away
     * @return the topics nobody holds any more
     */
    List<byte[]> removeAll(S subscriber) {
        Set<Entry> held = bySubscriber.remove(subscriber);
        if (held == null) {
            return List.of();
        }
        List<byte[]> orphaned = new ArrayList<>();
        for (Entry entry : held) {
            entry.removeHolder(entry.indexOf(subscriber));
            if (entry.size == 0) {
                dropEntry(entry);
                orphaned.add(entry.key.bytes);
            }
        }
        return orphaned;
    }

    /**
     * Calls {@code action} once for each subscriber holding a prefix of {@code first}.
     *
     * @param first the message's first frame
     * @param action what to do with each matching subscriber
     */
    @SuppressWarnings("unchecked")
    void forEachMatch(Frame first, Consumer<? super S> action) {
        collectMatches(first);
        if (matched.size() == 1) {
            Entry entry = matched.get(0);
            for (int i = 0; i < entry.size; i++) {
                action.accept((S) entry.holders[i]);
            }
        } else if (!matched.isEmpty()) {
            for (Entry entry : matched) {
                for (int i = 0; i < entry.size; i++) {
                    if (seen.add(entry.holders[i])) {
                        action.accept((S) entry.holders[i]);
                    }
                }
            }
            seen.clear();
        }
        matched.clear();
    }

    /**
     * Returns whether any subscriber holds a prefix of {@code first}.
     *
     * @param first a message's first frame
     * @return true on a match
     */
    boolean matchesAny(Frame first) {
        collectMatches(first);
        boolean any = !matched.isEmpty();
        matched.clear();
        return any;
    }

    /**
     * Calls {@code action} for each topic {@code subscriber} holds, once per subscription.
     *
     * @param subscriber the subscriber
     * @param action receives each topic
     */
    void forEachSubscription(S subscriber, Consumer<byte[]> action) {
        for (Entry entry : bySubscriber.getOrDefault(subscriber, Set.of())) {
            int count = entry.counts[entry.indexOf(subscriber)];
            for (int i = 0; i < count; i++) {
                action.accept(entry.key.bytes);
            }
        }
    }

    /**
     * Calls {@code action} once for each topic {@code subscriber} holds, however often it holds it.
     *
     * @param subscriber the subscriber
     * @param action receives each topic
     */
    void forEachTopic(S subscriber, Consumer<byte[]> action) {
        for (Entry entry : bySubscriber.getOrDefault(subscriber, Set.of())) {
            action.accept(entry.key.bytes);
        }
    }

    /** Returns whether {@code subscriber} holds exactly {@code topic}. */
    boolean holds(byte[] topic, S subscriber) {
        Entry entry = entries.get(new TopicKey(topic, topic.length, hash(topic, topic.length)));
        return entry != null && entry.indexOf(subscriber) >= 0;
    }

    /** Returns whether anyone holds exactly {@code topic}. */
    boolean isHeld(byte[] topic) {
        return entries.containsKey(new TopicKey(topic, topic.length, hash(topic, topic.length)));
    }

    /** Returns how many distinct topics someone holds. */
    int topicCount() {
        return entries.size();
    }

    /** Returns how many distinct topics {@code subscriber} holds. */
    int topicCountOf(S subscriber) {
        Set<Entry> held = bySubscriber.get(subscriber);
        return held == null ? 0 : held.size();
    }

    /** Returns how many subscribers hold at least one topic. */
    int subscriberCount() {
        return bySubscriber.size();
    }

    private void collectMatches(Frame first) {
        int longest = Math.min(first.size(), topicsByLength.length - 1);
        if (longest < 0) {
            return;
        }
        if (prefixBuffer.capacity() < longest) {
            prefixBuffer = ByteBuffer.wrap(new byte[Math.max(longest, prefixBuffer.capacity() * 2)]);
        }
        prefixBuffer.clear();
        first.copyTo(0, prefixBuffer, longest);
        byte[] prefix = prefixBuffer.array();
        int hash = 1;
        for (int length = 0; length <= longest; length++) {
            if (length > 0) {
                hash = 31 * hash + prefix[length - 1];
            }
            if (topicsByLength[length] > 0) {
                probe.set(prefix, length, hash);
                Entry entry = entries.get(probe);
                if (entry != null) {
                    matched.add(entry);
                }
            }
        }
    }

    private void forgetPair(Entry entry, S subscriber) {
        Set<Entry> held = bySubscriber.get(subscriber);
        held.remove(entry);
        if (held.isEmpty()) {
            bySubscriber.remove(subscriber);
        }
        if (entry.size == 0) {
            dropEntry(entry);
        }
    }

    private void dropEntry(Entry entry) {
        entries.remove(entry.key);
        countLength(entry.key.length, -1);
    }

    private void countLength(int length, int delta) {
        if (length >= topicsByLength.length) {
            topicsByLength = Arrays.copyOf(topicsByLength, Math.max(length + 1, topicsByLength.length * 2));
        }
        topicsByLength[length] += delta;
        int last = topicsByLength.length - 1;
        while (last >= 0 && topicsByLength[last] == 0) {
            last--;
        }
        if (last < topicsByLength.length / 4) {
            topicsByLength = Arrays.copyOf(topicsByLength, last + 1);
        }
    }

    static int hash(byte[] bytes, int length) {
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    /** A topic as a hash key: the first {@code length} bytes of {@code bytes}. */
    private static final class TopicKey {
        private byte[] bytes;
        private int length;
        private int hash;

        TopicKey(byte[] bytes, int length, int hash) {
            set(bytes, length, hash);
        }

        void set(byte[] newBytes, int newLength, int newHash) {
            this.bytes = newBytes;
            this.length = newLength;
            this.hash = newHash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TopicKey && Arrays.equals(bytes, 0, length, ((TopicKey) other).bytes, 0,
                    ((TopicKey) other).length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** One topic and its holders, each with a subscription count. */
    private static final class Entry {
        private final TopicKey key;
        private Object[] holders = NO_HOLDERS;
        private int[] counts = new int[0];
        private int size;

        Entry(TopicKey key) {
            this.key = key;
        }

        int indexOf(Object subscriber) {
            for (int i = 0; i < size; i++) {
                if (holders[i].equals(subscriber)) {
                    return i;
                }
            }
            return -1;
        }

        /** Counts a subscription; returns true if the subscriber is new to this topic. */
        boolean increment(Object subscriber) {
            int index = indexOf(subscriber);
            if (index >= 0) {
                counts[index]++;
                return false;
            }
            if (size == holders.length) {
                holders = Arrays.copyOf(holders, Math.max(1, size * 2));
                counts = Arrays.copyOf(counts, holders.length);
            }
            holders[size] = subscriber;
            counts[size] = 1;
            size++;
            return true;
        }

        /** Uncounts a subscription; returns true if the holder at {@code index} holds it no more. */
        boolean decrement(int index) {
            counts[index]--;
            if (counts[index] > 0) {
                return false;
            }
            removeHolder(index);
            return true;
        }

        void removeHolder(int index) {
            size--;
            holders[index] = holders[size];
            counts[index] = counts[size];
            holders[size] = null;
        }
    }
}
