package dev.meshmq.patterns.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the subscription benchmark's setup and benchmark methods directly and checks who matched. */
class SubscriptionMatchBenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {10, 10_000})
    void matchesTheTwoHoldersOfTheMiddleTopicAndNobodyForTheMiss(int topics) {
        SubscriptionMatchBenchmark benchmark = new SubscriptionMatchBenchmark();
        benchmark.topics = topics;
        benchmark.setUp();
        assertEquals(topics, benchmark.index.topicCount());
        assertEquals(SubscriptionMatchBenchmark.SUBSCRIBERS, benchmark.index.subscriberCount());
        for (int round = 0; round < 3; round++) {
            assertEquals(2, benchmark.matchHit());
            assertEquals(0, benchmark.matchMiss());
        }
        List<String> matched = new ArrayList<>();
        benchmark.index.forEachMatch(benchmark.hit, matched::add);
        int middle = topics / 2;
        assertEquals(List.of(SubscriptionMatchBenchmark.subscriber(middle),
                SubscriptionMatchBenchmark.subscriber(middle + 1)), matched);
        matched.clear();
        benchmark.index.forEachMatch(benchmark.miss, matched::add);
        assertEquals(List.of(), matched);
    }
}
