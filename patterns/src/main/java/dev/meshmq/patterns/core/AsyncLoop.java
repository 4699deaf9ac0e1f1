package dev.meshmq.patterns.core;

import dev.meshmq.MeshInterruptedException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread behind every socket's {@code sendAsync} and {@code receiveAsync}: it makes non-blocking
 * attempts at the sockets' pending operations and, between rounds, parks on one {@link Waiter} that
 * every such socket wakes with its link events, as a {@code Poller} does. It runs only while some
 * operation is pending: started by the first, it ends when none is left, so an application that never
 * uses the async API has no such thread, and an idle one has none either.
 *
 * <p>Thread-safety: {@link #schedule} from any thread; everything else on the loop's thread.
 */
final class AsyncLoop {

    /** The loop shared by every context of this class loader. */
    static final AsyncLoop SHARED = new AsyncLoop();

    /** How soon to try again a socket another thread was inside. */
    private static final long BUSY_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Waiter waiter = new Waiter(0);
    private final Queue<AsyncSocketQueue> scheduled = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    /** The sockets with pending operations; loop thread only. */
    private final Set<AsyncSocketQueue> active = new LinkedHashSet<>();
    /**
     * The sockets another thread was inside at the last round; loop thread only. Their unhandled events
     * do not end the park (that would spin while the other thread stays inside): the short deadline does.
     */
    private final Set<AsyncSocketQueue> busy = new LinkedHashSet<>();
    private final AtomicInteger started = new AtomicInteger();

    private AsyncLoop() {
    }

    /** Makes the loop look at {@code queue} soon, starting the thread if none runs. */
    void schedule(AsyncSocketQueue queue) {
        scheduled.add(queue);
        waiter.wake();
        if (running.compareAndSet(false, true)) {
            Thread thread = new Thread(this::run, "meshmq-async-" + started.getAndIncrement());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        while (true) {
            round();
            if (active.isEmpty()) {
                running.set(false);
                if (scheduled.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            long deadline = busy.isEmpty() ? Long.MAX_VALUE : System.nanoTime() + BUSY_RETRY_NANOS;
            try {
                waiter.await(deadline, this::anyNews);
            } catch (MeshInterruptedException e) {
                // nobody should interrupt this thread; the operations still need it, so go round again
                Thread.interrupted();
            }
        }
    }

    /** Takes in the newly scheduled sockets and tries every active one, noting which were busy. */
    private void round() {
        AsyncSocketQueue queue;
        while ((queue = scheduled.poll()) != null) {
            if (active.add(queue)) {
                queue.watch(waiter);
            }
        }
        busy.clear();
        List<AsyncSocketQueue> idle = new ArrayList<>();
        for (AsyncSocketQueue each : active) {
            AsyncSocketQueue.Progress progress = progressOf(each);
            if (progress == AsyncSocketQueue.Progress.IDLE) {
                idle.add(each);
            } else if (progress == AsyncSocketQueue.Progress.BUSY) {
                busy.add(each);
            }
        }
        for (AsyncSocketQueue each : idle) {
            each.watch(null);
            active.remove(each);
        }
    }

    /** One socket's round; a defect there fails that socket's operations and spares every other socket's. */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private static AsyncSocketQueue.Progress progressOf(AsyncSocketQueue queue) {
        try {
            return queue.progress();
        } catch (RuntimeException e) {
            queue.failAll(e);
            return AsyncSocketQueue.Progress.IDLE;
        }
    }

    private boolean anyNews() {
        if (!scheduled.isEmpty()) {
            return true;
        }
        for (AsyncSocketQueue each : active) {
            if (!busy.contains(each) && each.hasNews()) {
                return true;
            }
        }
        return false;
    }
}
