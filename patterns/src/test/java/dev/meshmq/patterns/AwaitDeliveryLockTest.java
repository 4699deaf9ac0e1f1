package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.patterns.core.LingerTracker;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A thread waiting in {@code closeAndAwaitDelivery} waits on a {@code java.util.concurrent} condition, not
 * in {@code Object.wait} on a monitor: a virtual thread doing so on JDK 21 to 23 would pin its carrier
 * for the whole linger. The JVM's own thread report tells which (a monitor wait names the monitor's
 * class, here the socket's linger bookkeeping); then the wait must end as soon as the message is
 * delivered.
 */
class AwaitDeliveryLockTest extends MeshTestSupport {

    @Test
    void aWaiterForDeliveryParksOnAConditionAndWakesWhenTheMessageIsDelivered() {
        Context context = newContext();
        String endpoint = Endpoints.ipc();   // nothing listens yet: the message stays queued
        PushSocket push = context.createPush();
        push.set(SocketOptions.LINGER, Duration.ofSeconds(20));
        push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(20));
        push.set(SocketOptions.RECONNECT_INTERVAL_MAX, Duration.ofMillis(20));
        push.connect(endpoint);
        push.send("queued until a peer binds");

        Worker<Boolean> waiter = background("await-delivery",
                () -> push.closeAndAwaitDelivery(Duration.ofSeconds(20)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ThreadInfo[] seen = new ThreadInfo[1];
        await().atMost(TIMEOUT).until(() -> {
            seen[0] = threads.getThreadInfo(waiter.thread().getId(), Integer.MAX_VALUE);
            return seen[0] != null && waitsInLingerTracker(seen[0]);
        });
        LockInfo blocker = seen[0].getLockInfo();
        assertNotNull(blocker, "a waiting thread names what it waits for");
        assertTrue(blocker.getClassName().startsWith("java.util.concurrent.locks."),
                "the waiter waits on " + blocker + ", not on a java.util.concurrent lock's condition");

        PullSocket pull = context.createPull();
        pull.bind(endpoint);
        assertEquals("queued until a peer binds", pull.receive(TIMEOUT).orElseThrow().string(0));
        assertTrue(waiter.value(TIMEOUT), "delivered, so closeAndAwaitDelivery reports success");
    }

    /** Whether the thread is waiting, with the linger bookkeeping's await on its stack. */
    private static boolean waitsInLingerTracker(ThreadInfo info) {
        Thread.State state = info.getThreadState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        for (StackTraceElement frame : info.getStackTrace()) {
            if (frame.getClassName().equals(LingerTracker.class.getName()) && frame.getMethodName().equals("await")) {
                return true;
            }
        }
        return false;
    }
}
