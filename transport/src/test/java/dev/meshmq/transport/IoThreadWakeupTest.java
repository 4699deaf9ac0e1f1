package dev.meshmq.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A task posted to a sleeping I/O thread always wakes it, even right after a poster that was descheduled
 * between queueing its task and waking the thread: that poster's task already ran, and its late wake-up
 * must not leave the thread asleep with the "wake-up on its way" flag set (a soak caught a PUSH whose
 * I/O thread slept with a flush task queued, both sides waiting for ever; the thread's spin had eaten
 * the late wake-up).
 *
 * <p>Thread-safety: one test thread, and the I/O thread under test.
 */
class IoThreadWakeupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aLateWakeUpForATaskAlreadyRunDoesNotSilenceTheNextTask() throws InterruptedException {
        String name = "late-wakeup-" + System.nanoTime();
        // a long spin, so the test surely finds the thread in it however slow the machine
        IoThread io = new IoThread(name, NanoClock.SYSTEM, TimeUnit.SECONDS.toNanos(2));
        try {
            // a poster queues its task and is descheduled before it wakes the thread...
            CountDownLatch late = new CountDownLatch(1);
            io.enqueueWithoutWaking(late::countDown);
            // ...which another poster's wake-up runs
            io.execute(() -> { });
            assertTrue(late.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            // the late poster resumes while the thread spins after that round: the spin eats its wake-up
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(2))
                    .until(() -> stackOf(name).contains("pollUntilWork"));
            io.wakeIfAsleep();
            // the spin runs out and the thread sleeps in select
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(() -> sleepsInSelect(stackOf(name)));
            CountDownLatch next = new CountDownLatch(1);
            io.execute(next::countDown);
            assertTrue(next.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    "the I/O thread slept through a task posted after a late wake-up");
        } finally {
            io.shutdown(TIMEOUT.toMillis());
        }
    }

    @Test
    void tasksPostedFromManyThreadsWithYieldsBetweenQueueingAndWakingAllRun() throws InterruptedException {
        IoThread io = new IoThread("wakeup-stress-" + System.nanoTime(), NanoClock.SYSTEM,
                TimeUnit.MICROSECONDS.toNanos(20));
        int threads = 4;
        int perThread = 20_000;
        CountDownLatch ran = new CountDownLatch(threads * perThread);
        try {
            Thread[] posters = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                posters[t] = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        io.enqueueWithoutWaking(ran::countDown);
                        if (i % 64 == 0) {
                            Thread.yield();
                        }
                        io.wakeIfAsleep();
                    }
                });
                posters[t].start();
            }
            for (Thread poster : posters) {
                poster.join();
            }
            assertTrue(ran.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), ran.getCount() + " tasks never ran");
        } finally {
            io.shutdown(TIMEOUT.toMillis());
        }
    }

    private static String stackOf(String threadName) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getName().equals(threadName))
                .map(entry -> Arrays.toString(entry.getValue())).findFirst().orElse("");
    }

    private static boolean sleepsInSelect(String stack) {
        return stack.contains("EPoll.wait") && stack.contains("runOneRound") && !stack.contains("pollUntilWork")
                && !stack.contains("selectNow");
    }
}
