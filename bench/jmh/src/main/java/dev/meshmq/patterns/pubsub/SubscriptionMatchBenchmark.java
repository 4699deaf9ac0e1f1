package dev.meshmq.patterns.pubsub;

import dev.meshmq.Frame;
import dev.meshmq.jmh.BenchmarkDefaults;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link SubscriptionIndex#forEachMatch}, as a publisher runs it on every message: which of
 * {@value #SUBSCRIBERS} subscribers hold a prefix of the message's first frame, for an index of
 * {@code topics} topics. Topic {@code i} is {@code "quotes.<i>."} (9 to 13 bytes, so several topic
 * lengths are probed), held by subscribers {@code i % 4} and {@code (i + 1) % 4}. {@link #matchHit}
 * publishes on the middle topic (exactly one topic and two subscribers match; the trailing dot keeps
 * {@code quotes.5.} from matching {@code quotes.5000.}), {@link #matchMiss} on a topic nobody holds.
 * One operation is one message matched.
 *
 * <p>Threading: {@link Scope#Thread} state; each benchmark thread has its own index (the index is
 * confined to a socket's caller thread). Not final: JMH subclasses it.
 */
@State(Scope.Thread)
public class SubscriptionMatchBenchmark extends BenchmarkDefaults {

    /** Distinct subscribers. */
    static final int SUBSCRIBERS = 4;

    private static final String PAYLOAD = "bid=1.0842;ask=1.0844";

    /** Distinct topics in the index. */
    @Param({"10", "10000"})
    public int topics;

    final SubscriptionIndex<String> index = new SubscriptionIndex<>();
    int matches;
    final Consumer<String> countMatch = subscriber -> matches++;
    Frame hit;
    Frame miss;

    /** Fills the index and builds the two first frames. */
    @Setup
    public void setUp() {
        for (int i = 0; i < topics; i++) {
            byte[] topic = topic(i).getBytes(StandardCharsets.US_ASCII);
            index.add(topic, subscriber(i));
            index.add(topic, subscriber(i + 1));
        }
        hit = Frame.of(topic(topics / 2) + PAYLOAD);
        miss = Frame.of("trades." + topics / 2 + "." + PAYLOAD);
    }

    /**
     * Matches a frame that one topic is a prefix of.
     *
     * @return the subscribers matched (two)
     */
    @Benchmark
    public int matchHit() {
        return countMatches(hit);
    }

    /**
     * Matches a frame that no topic is a prefix of.
     *
     * @return the subscribers matched (none)
     */
    @Benchmark
    public int matchMiss() {
        return countMatches(miss);
    }

    private int countMatches(Frame first) {
        matches = 0;
        index.forEachMatch(first, countMatch);
        return matches;
    }

    static String topic(int i) {
        return "quotes." + i + ".";
    }

    static String subscriber(int i) {
        return "subscriber-" + i % SUBSCRIBERS;
    }
}
