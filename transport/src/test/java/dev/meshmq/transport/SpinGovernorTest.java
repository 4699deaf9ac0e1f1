package dev.meshmq.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The spin governor's verdicts, by rule and on this machine with and without busy threads. */
class SpinGovernorTest {

    @Test
    void othersBeyondTheProcessorCountForbidSpinningAndOwnSpinnersDoNotCount() {
        SpinGovernor governor = new SpinGovernor(2, () -> -1);
        assertTrue(governor.decide(-1), "unknown: spin as before");
        assertTrue(governor.decide(3), "the reader plus two others on two processors");
        assertFalse(governor.decide(4), "three others on two processors");
        assertTrue(governor.trySpin());
        assertTrue(governor.trySpin());
        assertTrue(governor.decide(5), "two of the five are this context's own spinners");
        governor.spinEnded();
        governor.spinEnded();
        assertFalse(governor.decide(5));
    }

    @Test
    void alwaysNeverLooksAtTheMachine() {
        SpinGovernor governor = SpinGovernor.always();
        for (int i = 0; i < 1000; i++) {
            assertTrue(governor.trySpin());
            governor.spinEnded();
        }
    }

    @Test
    void busyThreadsBeyondTheProcessorsStopTheSpinning() throws Exception {
        SpinGovernor governor = new SpinGovernor();
        int busyCount = 2 * Runtime.getRuntime().availableProcessors() + 2;
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> busy = new ArrayList<>();
        for (int i = 0; i < busyCount; i++) {
            Thread thread = new Thread(() -> {
                long sink = 0;
                while (!stop.get()) {
                    sink++;
                }
                assertTrue(sink >= 0);
            }, "busy-" + i);
            thread.setDaemon(true);
            thread.start();
            busy.add(thread);
        }
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !tryOnce(governor));
        } finally {
            stop.set(true);
            for (Thread thread : busy) {
                thread.join();
            }
        }
    }

    @Test
    void theVerdictFollowsTheRunnableCountAtEachLook() {
        AtomicInteger runnable = new AtomicInteger(1);
        SpinGovernor governor = new SpinGovernor(2, runnable::get);
        assertTrue(tryOnce(governor));
        runnable.set(10);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> !tryOnce(governor));
        runnable.set(2);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> tryOnce(governor));
        runnable.set(-1);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> tryOnce(governor));
        runnable.set(10);
        for (int i = 0; i < 20; i++) {
            assertTrue(tryOnce(governor), "a source that could not be read is not asked again");
        }
    }

    private static boolean tryOnce(SpinGovernor governor) {
        boolean allowed = governor.trySpin();
        if (allowed) {
            governor.spinEnded();
        }
        return allowed;
    }
}
