package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PUSH round-robins whole messages over its peers; PULL fair-queues from its peers; many-to-many works. */
class RoutingTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void pushRoundRobinsOverThreeConnectedPulls(String transport) {
        Context context = newContext();
        PushSocket push = context.createPush();
        List<PullSocket> pulls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PullSocket pull = context.createPull();
            pulls.add(pull);
            // connect() creates the queue at once, so all three peers take part from the first message
            push.connect(pull.bind(Endpoints.fresh(transport)));
        }
        for (int i = 0; i < 30; i++) {
            assertTrue(push.send(numbered("m", i), TIMEOUT));
        }
        assertStrided(pulls, 30);
    }

    @Test
    void bindingPushRoundRobinsOverThreeInprocPeers() {
        Context context = newContext();
        PushSocket push = context.createPush();
        String endpoint = push.bind(Endpoints.fresh("inproc"));
        List<PullSocket> pulls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PullSocket pull = context.createPull();
            pull.connect(endpoint);
            pulls.add(pull);
        }
        for (int i = 0; i < 30; i++) {
            assertTrue(push.send(numbered("m", i), TIMEOUT));
        }
        assertStrided(pulls, 30);
    }

    /** Each PULL got exactly total/n messages, every n-th one, in order. */
    private static void assertStrided(List<PullSocket> pulls, int total) {
        int n = pulls.size();
        List<Integer> starts = new ArrayList<>();
        for (PullSocket pull : pulls) {
            int first = indexOf(pull.receive(TIMEOUT).orElseThrow(() -> new AssertionError("a PULL got nothing")));
            starts.add(first);
            for (int k = 1; k < total / n; k++) {
                Message message = pull.receive(TIMEOUT).orElseThrow(() -> new AssertionError("a PULL starved"));
                assertEquals(first + k * n, indexOf(message), "round-robin order broken");
            }
            expectNothing(pull, SHORT);
        }
        assertEquals(3, starts.stream().distinct().count(), "each PULL must start at a different message");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void pullFairQueuesFromTwoPushPeers(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        int hwm = 10;
        pull.set(SocketOptions.RECEIVE_HWM, hwm);
        String endpoint = pull.bind(Endpoints.fresh(transport));
        PushSocket pushA = context.createPush();
        PushSocket pushB = context.createPush();
        pushA.set(SocketOptions.SEND_HWM, hwm);
        pushB.set(SocketOptions.SEND_HWM, hwm);
        pushA.connect(endpoint);
        pushB.connect(endpoint);
        // both peers saturated: each has at least RECEIVE_HWM messages waiting at the PULL
        byte[] payload = new byte[128 * 1024];
        int countA = fillUntilBlocked(pushA, "A", 0, payload, 1000);
        int countB = fillUntilBlocked(pushB, "B", 0, payload, 1000);

        List<String> firstTags = new ArrayList<>();
        Map<String, Integer> next = new HashMap<>(Map.of("A", 0, "B", 0));
        for (int i = 0; i < countA + countB; i++) {
            Message message = pull.receive(TIMEOUT).orElseThrow(() -> new AssertionError("messages lost"));
            String tag = tagOf(message);
            assertEquals(next.get(tag), indexOf(message), "per-peer order broken for " + tag);
            next.put(tag, next.get(tag) + 1);
            if (i < 2 * hwm) {
                firstTags.add(tag);
            }
        }
        for (int i = 1; i < firstTags.size(); i++) {
            assertNotEquals(firstTags.get(i - 1), firstTags.get(i),
                    "with both peers ready the PULL must alternate: " + firstTags);
        }
        expectNothing(pull, SHORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void multipartMessagesArriveWholeUnderHighWaterMarkPressure(String transport) {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.SEND_HWM, 3);
        List<PullSocket> pulls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            PullSocket pull = context.createPull();
            pull.set(SocketOptions.RECEIVE_HWM, 3);
            push.connect(pull.bind(Endpoints.fresh(transport)));
            pulls.add(pull);
        }
        int accepted = 0;
        while (accepted < 10_000 && push.trySend(threeFrames(accepted))) {
            accepted++;
        }
        int sent = accepted;
        Worker<Integer> sender = background("multipart-sender", () -> {
            for (int i = sent; i < sent + 200; i++) {
                push.send(threeFrames(i));
            }
            return sent + 200;
        });
        int total = sent + 200;
        AtomicInteger received = new AtomicInteger();
        List<Worker<Integer>> receivers = new ArrayList<>();
        for (PullSocket pull : pulls) {
            receivers.add(background("multipart-receiver", () -> {
                int mine = 0;
                while (received.get() < total) {
                    var message = pull.receive(Duration.ofMillis(50));
                    if (message.isPresent()) {
                        assertWhole(message.get());
                        received.incrementAndGet();
                        mine++;
                    }
                }
                return mine;
            }));
        }
        int[] perPull = {receivers.get(0).value(TIMEOUT), receivers.get(1).value(TIMEOUT)};
        assertEquals(total, perPull[0] + perPull[1]);
        assertEquals(sent + 200, sender.value(TIMEOUT));
        assertTrue(perPull[0] > 0 && perPull[1] > 0, "both PULLs get messages");
        expectNothing(pulls.get(0), SHORT);
    }

    private static Message threeFrames(int index) {
        return Message.of("m-" + index, "body-" + index, "end-" + index);
    }

    private static void assertWhole(Message message) {
        assertEquals(3, message.size(), "a 3-frame message arrived with " + message.size() + " frames");
        int index = indexOf(message);
        assertEquals("body-" + index, message.string(1));
        assertEquals("end-" + index, message.string(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void pullBoundTwiceAndConnectedOnceReceivesFromEveryPush(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String first = pull.bind(Endpoints.fresh(transport));
        String second = pull.bind(Endpoints.fresh(transport));
        PushSocket boundPush = context.createPush();
        pull.connect(boundPush.bind(Endpoints.fresh(transport)));
        List<PushSocket> pushes = new ArrayList<>();
        for (String endpoint : List.of(first, first, second)) {
            PushSocket push = context.createPush();
            push.connect(endpoint);
            pushes.add(push);
        }
        pushes.add(boundPush);
        int perPush = 100;
        for (int p = 0; p < pushes.size(); p++) {
            for (int i = 0; i < perPush; i++) {
                assertTrue(pushes.get(p).send(numbered("p" + p, i), TIMEOUT));
            }
        }
        Map<String, Integer> next = new HashMap<>();
        for (int i = 0; i < perPush * pushes.size(); i++) {
            Message message = pull.receive(TIMEOUT).orElseThrow(() -> new AssertionError("messages lost"));
            int expected = next.getOrDefault(tagOf(message), 0);
            assertEquals(expected, indexOf(message), "order broken for " + tagOf(message));
            next.put(tagOf(message), expected + 1);
        }
        assertEquals(pushes.size(), next.size(), "every PUSH is heard: " + next);
        expectNothing(pull, SHORT);
    }
}
