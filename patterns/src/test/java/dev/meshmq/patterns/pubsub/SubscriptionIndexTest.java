package dev.meshmq.patterns.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Frame;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subscription multiset: prefix matching, counts, forgetting a subscriber, and memory per topic. */
class SubscriptionIndexTest {

    private final SubscriptionIndex<String> index = new SubscriptionIndex<>();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> matches(String first) {
        List<String> found = new ArrayList<>();
        index.forEachMatch(Frame.of(first), found::add);
        found.sort(null);
        return found;
    }

    @Test
    void matchesPrefixesOfTheFirstFrameOnly() {
        index.add(bytes("ab"), "x");
        index.add(bytes("b"), "y");
        assertEquals(List.of("x"), matches("abc"));
        assertEquals(List.of("x"), matches("ab"));
        assertEquals(List.of(), matches("a"));
        assertEquals(List.of(), matches("cab"));
        assertEquals(List.of("y"), matches("b"));
    }

    @Test
    void emptyTopicMatchesEverythingIncludingTheEmptyFrame() {
        index.add(new byte[0], "all");
        assertEquals(List.of("all"), matches(""));
        assertEquals(List.of("all"), matches("anything"));
    }

    @Test
    void aSubscriberMatchingSeveralTopicsIsReportedOnce() {
        index.add(bytes(""), "x");
        index.add(bytes("a"), "x");
        index.add(bytes("ab"), "x");
        index.add(bytes("ab"), "y");
        assertEquals(List.of("x", "y"), matches("abc"));
    }

    @Test
    void subscriptionsAreCounted() {
        assertTrue(index.add(bytes("t"), "x"), "first holder of a new topic");
        assertFalse(index.add(bytes("t"), "x"));
        assertFalse(index.add(bytes("t"), "y"));
        assertEquals(SubscriptionIndex.Removal.STILL_HELD, index.remove(bytes("t"), "x"));
        assertEquals(SubscriptionIndex.Removal.STILL_HELD, index.remove(bytes("t"), "x"));
        assertEquals(SubscriptionIndex.Removal.NOT_HELD, index.remove(bytes("t"), "x"));
        assertEquals(List.of("y"), matches("t"));
        assertEquals(SubscriptionIndex.Removal.LAST, index.remove(bytes("t"), "y"));
        assertEquals(List.of(), matches("t"));
        assertEquals(SubscriptionIndex.Removal.NOBODY_HELD, index.remove(bytes("t"), "y"));
        assertFalse(index.isHeld(bytes("t")));
        assertEquals(0, index.topicCount());
        assertEquals(0, index.subscriberCount());
    }

    @Test
    void removingASubscriberReportsTheTopicsNobodyHoldsAnyMore() {
        index.add(bytes("shared"), "x");
        index.add(bytes("shared"), "y");
        index.add(bytes("own"), "x");
        index.add(bytes("own"), "x");
        List<byte[]> orphaned = index.removeAll("x");
        assertEquals(1, orphaned.size());
        assertEquals("own", new String(orphaned.get(0), StandardCharsets.UTF_8));
        assertEquals(List.of("y"), matches("shared"));
        assertEquals(List.of(), matches("own"));
        assertEquals(1, index.subscriberCount());
    }

    @Test
    void replaysEachSubscriptionAsOftenAsItWasMade() {
        index.add(bytes("a"), "x");
        index.add(bytes("a"), "x");
        index.add(bytes("b"), "x");
        List<String> topics = new ArrayList<>();
        index.forEachSubscription("x", topic -> topics.add(new String(topic, StandardCharsets.UTF_8)));
        topics.sort(null);
        assertEquals(List.of("a", "a", "b"), topics);
    }

    @Test
    void memoryGrowsWithDistinctTopicsNotWithRepeatedSubscriptions() {
        int subscribers = 1000;
        int topicsEach = 100;
        long before = usedHeapAfterGc();
        SubscriptionIndex<Integer> large = new SubscriptionIndex<>();
        for (int s = 0; s < subscribers; s++) {
            for (int t = 0; t < topicsEach; t++) {
                large.add(bytes(String.format("topic-%06d", s * topicsEach + t)), s);
            }
            for (int repeat = 0; repeat < 50; repeat++) {
                large.add(bytes("everyone"), s);
            }
        }
        long used = usedHeapAfterGc() - before;
        int topics = subscribers * topicsEach + 1;
        assertEquals(topics, large.topicCount());
        assertTrue(used < 400L * topics, "the index of " + topics + " topics uses " + used + " bytes");
        List<Integer> matched = new ArrayList<>();
        large.forEachMatch(Frame.of("topic-099999/x"), matched::add);
        assertEquals(List.of(999), matched);
        for (int s = 0; s < subscribers; s++) {
            large.removeAll(s);
        }
        assertEquals(0, large.topicCount());
        Reference.reachabilityFence(large);
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
