package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PUSH blocks at the high-water mark (never drops) and resumes once the PULL reads. */
class HwmTest extends MeshTestSupport {

    private static final int HWM = 10;
    /** Large messages keep what the kernel buffers on tcp/ipc to a bounded count. */
    private static final int PAYLOAD = 128 * 1024;
    private static final int BOUND = 1000;

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void pushBlocksAtHighWaterMarkAndResumes(String transport) throws InterruptedException {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        pull.set(SocketOptions.RECEIVE_HWM, HWM);
        push.set(SocketOptions.SEND_HWM, HWM);
        push.connect(pull.bind(Endpoints.fresh(transport)));
        byte[] payload = new byte[PAYLOAD];

        int accepted;
        if ("inproc".equals(transport)) {
            accepted = 0;
            while (accepted < BOUND && push.trySend(numbered("m", accepted, payload))) {
                accepted++;
            }
            assertEquals(2 * HWM, accepted, "inproc holds exactly SEND_HWM + RECEIVE_HWM messages");
        } else {
            accepted = fillUntilBlocked(push, "m", 0, payload, BOUND);
            assertTrue(accepted >= 2 * HWM, "accepted only " + accepted + " messages before blocking");
        }
        assertFalse(push.trySend(numbered("m", accepted, payload)), "trySend must report a full socket");

        CountDownLatch sent = new CountDownLatch(1);
        int last = accepted;
        Worker<Boolean> blocked = background("blocked-send", () -> {
            boolean done = push.send(numbered("m", last, payload), TIMEOUT);
            sent.countDown();
            return done;
        });
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> sent.getCount() == 1);

        expectInOrder(pull, "m", 0, accepted + 1);
        assertTrue(blocked.value(TIMEOUT), "the blocked send must complete once the PULL reads");
        expectNothing(pull, SHORT);
    }

    @Test
    void zeroHighWaterMarkMeansNoLimitOnInproc() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        pull.set(SocketOptions.RECEIVE_HWM, 0);
        push.set(SocketOptions.SEND_HWM, 0);
        push.connect(pull.bind(Endpoints.fresh("inproc")));
        int count = 100_000;
        for (int i = 0; i < count; i++) {
            assertTrue(push.trySend(numbered("m", i)), "HWM 0 blocked at message " + i);
        }
        expectInOrder(pull, "m", 0, count);
    }

    @Test
    void defaultHighWaterMarkOnInprocIsExactly2000WhenPullBindsFirst() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        push.connect(pull.bind(Endpoints.fresh("inproc")));
        assertEquals(2000, countAccepted(push));
        expectInOrder(pull, "m", 0, 2000);
    }

    @Test
    void defaultHighWaterMarkOnInprocIsExactly2000WhenPushConnectsFirst() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        String endpoint = Endpoints.fresh("inproc");
        push.connect(endpoint);
        pull.bind(endpoint);
        assertEquals(2000, countAccepted(push));
        expectInOrder(pull, "m", 0, 2000);
    }

    private static int countAccepted(PushSocket push) {
        int accepted = 0;
        while (accepted < 10_000 && push.trySend(numbered("m", accepted))) {
            accepted++;
        }
        assertFalse(push.send(numbered("m", accepted), Duration.ofMillis(100)), "still full after waiting");
        return accepted;
    }
}
