package dev.meshmq.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.PushSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;

/**
 * What the fault tests share: contexts closed after each test, numbered messages ("tag-index"), and a
 * check that what arrived is in order and free of duplicates.
 *
 * <p>Thread-safety: one test thread.
 */
abstract class FaultTestSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<Context> contexts = new ArrayList<>();

    final Context newContext() {
        // no spinning before sleeping: these tests are about faults, not speed, and the machine is shared
        Context context = Context.create(ContextConfig.defaults().withSpinWait(Duration.ZERO));
        contexts.add(context);
        return context;
    }

    @AfterEach
    final void closeContexts() {
        contexts.forEach(Context::close);
    }

    /** Receives until a message whose last frame is {@code last} arrives; returns every last frame seen. */
    static List<String> receiveThrough(MessageReceiver receiver, String last) {
        return receiveUntil(receiver, last::equals);
    }

    /** Receives until {@code done} accepts a last frame; fails if nothing comes for {@link #TIMEOUT}. */
    static List<String> receiveUntil(MessageReceiver receiver, Predicate<String> done) {
        List<String> seen = new ArrayList<>();
        while (true) {
            Optional<Message> message = receiver.receive(TIMEOUT);
            assertTrue(message.isPresent(), "nothing arrived for " + TIMEOUT + " after " + tail(seen));
            String tag = message.get().string(message.get().size() - 1);
            seen.add(tag);
            if (done.test(tag)) {
                return seen;
            }
        }
    }

    /**
     * Checks that numbered messages arrived in the order sent, each at most once: {@code tags} ("b-12") in
     * the order of {@code series} ("a", "b", ...), each series' indexes strictly increasing.
     */
    static void assertInOrderWithoutDuplicates(List<String> tags, String... series) {
        int seriesIndex = 0;
        int lastIndex = -1;
        for (String tag : tags) {
            String name = tag.substring(0, tag.indexOf('-'));
            int index = Integer.parseInt(tag.substring(tag.indexOf('-') + 1));
            while (seriesIndex < series.length && !series[seriesIndex].equals(name)) {
                seriesIndex++;
                lastIndex = -1;
            }
            assertTrue(seriesIndex < series.length, tag + " out of order in " + tail(tags));
            assertTrue(index > lastIndex, tag + " after index " + lastIndex + ": a duplicate or reordering");
            lastIndex = index;
        }
    }

    /**
     * Checks the messages of one series that crossed a reconnect: each arrived at most once, and they are
     * the messages of two connections merged, each in order: those below some index (the old connection)
     * in increasing order, and those from it on (the new connection) in increasing order. A receiver's
     * fair queue may interleave the two, as libzmq's does.
     */
    static void assertTwoConnectionsInOrderWithoutDuplicates(List<String> tags, String series) {
        List<Integer> indexes = new ArrayList<>();
        for (String tag : tags) {
            assertTrue(tag.startsWith(series + "-"), tag + " is not of series " + series);
            indexes.add(Integer.parseInt(tag.substring(series.length() + 1)));
        }
        assertEquals(indexes.size(), new HashSet<>(indexes).size(), "a message arrived twice: " + tags);
        for (int split : indexes) {
            if (increasing(indexes, 0, split) && increasing(indexes, split, Integer.MAX_VALUE)) {
                return;
            }
        }
        assertTrue(indexes.isEmpty() || increasing(indexes, 0, Integer.MAX_VALUE),
                "not two in-order connections merged: " + tags);
    }

    /** Whether the indexes in [from, to) appear in strictly increasing order. */
    private static boolean increasing(List<Integer> indexes, int from, int to) {
        int last = -1;
        for (int index : indexes) {
            if (index >= from && index < to) {
                if (index <= last) {
                    return false;
                }
                last = index;
            }
        }
        return true;
    }

    /** How many messages of {@code series} are among {@code tags}. */
    static long count(List<String> tags, String series) {
        return tags.stream().filter(tag -> tag.startsWith(series + "-")).count();
    }

    private static String tail(List<String> tags) {
        return tags.size() <= 10 ? tags.toString() : "..." + tags.subList(tags.size() - 10, tags.size());
    }

    /**
     * Sends 256 KiB messages to a peer that does not read until a send waits 200 ms in vain; checks that at
     * least {@code atLeast} went and that some still wait in the link.
     *
     * @return the messages queued in the link, not yet taken by its connection
     */
    static long fillTowardsAStalledPeer(PushSocket push, int atLeast) {
        byte[] big = new byte[256 * 1024];
        int sent = 0;
        while (push.send(Message.of(big), Duration.ofMillis(200))) {
            sent++;
        }
        assertTrue(sent >= atLeast, "only " + sent + " sent before the queue filled");
        long queued = push.statistics().peers().get(0).queuedOut();
        assertTrue(queued > 0, "nothing waited in the link: " + push.statistics());
        return queued;
    }
}
