package dev.meshmq.examples.pipeline;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.examples.Threads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process pipeline: a ventilator PUSHes tasks to N workers, which PUSH their results to one
 * sink, all over {@code inproc://}. The queues are kept small (the high-water mark), so a ventilator
 * faster than its workers has to wait; the report counts how often it did, and the sink's throughput.
 *
 * <p>Thread-safety: a program; {@link #run} uses one thread per worker and one for the ventilator.
 */
public final class Pipeline {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final int workers;
    private final int tasks;
    private final int highWaterMark;
    private final int rounds;

    /**
     * Describes a run.
     *
     * @param workers how many workers
     * @param tasks how many tasks the ventilator sends
     * @param highWaterMark SEND_HWM of the ventilator and RECEIVE_HWM of each worker
     * @param rounds SHA-256 rounds per task: how much work a task is
     */
    public Pipeline(int workers, int tasks, int highWaterMark, int rounds) {
        this.workers = workers;
        this.tasks = tasks;
        this.highWaterMark = highWaterMark;
        this.rounds = rounds;
    }

    /**
     * Runs the pipeline and prints the report.
     *
     * @param out where the report goes
     * @return true if the sink got one result for every task
     */
    public boolean run(PrintStream out) {
        out.printf("pipeline: ventilator -> %d workers -> sink over inproc, %,d tasks, HWM %d%n",
                workers, tasks, highWaterMark);
        try (Context context = Context.create();
                PushSocket ventilator = context.createPush();
                PullSocket sink = context.createPull()) {
            ventilator.set(SocketOptions.SEND_HWM, highWaterMark);
            String taskEndpoint = ventilator.bind("inproc://pipeline-tasks");
            String resultEndpoint = sink.bind("inproc://pipeline-results");
            CountDownLatch connected = new CountDownLatch(workers);
            List<PipelineWorker> crew = new ArrayList<>();
            for (int i = 1; i <= workers; i++) {
                crew.add(PipelineWorker.start(context, "worker-" + i, taskEndpoint, resultEndpoint, highWaterMark,
                        rounds, connected));
            }
            await(connected);
            AtomicLong waits = new AtomicLong();
            long start = System.nanoTime();
            Thread feeder = Threads.start("pipeline-ventilator", () -> ventilate(ventilator, waits));
            Map<String, Integer> perWorker = collect(sink);
            double seconds = (System.nanoTime() - start) / 1e9;
            Threads.join(feeder, TIMEOUT);
            crew.forEach(PipelineWorker::stop);
            int total = perWorker.values().stream().mapToInt(Integer::intValue).sum();
            out.printf("ventilator: sent %,d tasks, waited at the high-water mark %,d times%n", tasks, waits.get());
            perWorker.forEach((worker, done) -> out.printf("  %s: %,d tasks%n", worker, done));
            out.printf("sink: %,d of %,d results in %.2f s (%,.0f tasks/s)%n", total, tasks, seconds,
                    total / seconds);
            return total == tasks;
        }
    }

    /** Sends every task; when the workers' queues are full, counts a wait and then blocks. */
    private void ventilate(PushSocket ventilator, AtomicLong waits) {
        for (int i = 0; i < tasks; i++) {
            Message task = Message.of("task", Integer.toString(i));
            if (!ventilator.trySend(task)) {
                waits.incrementAndGet();
                if (!ventilator.send(task, TIMEOUT)) {
                    throw new IllegalStateException("no worker took task " + i + " within " + TIMEOUT);
                }
            }
        }
    }

    private Map<String, Integer> collect(PullSocket sink) {
        Map<String, Integer> perWorker = new TreeMap<>();
        boolean[] seen = new boolean[tasks];
        for (int received = 0; received < tasks; received++) {
            Message result = sink.receive(TIMEOUT)
                    .orElseThrow(() -> new IllegalStateException("the sink got no result within " + TIMEOUT));
            int task = Integer.parseInt(result.string(0));
            if (seen[task]) {
                throw new IllegalStateException("task " + task + " came back twice");
            }
            seen[task] = true;
            perWorker.merge(result.string(1), 1, Integer::sum);
        }
        return perWorker;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("workers did not connect within " + TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
