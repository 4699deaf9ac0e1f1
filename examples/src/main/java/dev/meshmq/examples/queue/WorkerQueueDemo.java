package dev.meshmq.examples.queue;

import dev.meshmq.Context;
import dev.meshmq.examples.Threads;
import dev.meshmq.proto.examples.Job;
import dev.meshmq.proto.examples.JobResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker queue in one JVM, over tcp on the loopback: a {@link Broker}, workers, and clients that
 * each submit jobs one after another. The first worker crashes midway with a job in hand and comes
 * back; the client whose job it held times out and sends it again, and the report shows that every
 * job got its result.
 *
 * <p>Thread-safety: a program; {@link #run} uses one thread per broker, worker and client.
 */
public final class WorkerQueueDemo {

    private static final Duration JOIN = Duration.ofSeconds(30);

    private final QueueSettings settings;
    private final List<QueueWorker> workers = new CopyOnWriteArrayList<>();
    private final Map<String, JobResult> results = new ConcurrentHashMap<>();
    private final AtomicInteger retries = new AtomicInteger();
    private volatile boolean finished;

    /**
     * Describes a run.
     *
     * @param settings how many workers, clients and jobs, and the timeouts
     */
    public WorkerQueueDemo(QueueSettings settings) {
        this.settings = settings;
    }

    /**
     * Runs the demo and prints what happens.
     *
     * @param out where the report goes
     * @return true if every job completed
     */
    public boolean run(PrintStream out) {
        try (Context context = Context.create()) {
            Broker broker = new Broker(context, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*", out);
            Thread brokerThread = Threads.start("broker", broker);
            out.printf("worker-queue: broker frontend %s, backend %s; %d workers, %d clients x %d jobs;"
                    + " worker-1 crashes on its job %d%n", broker.frontendEndpoint(), broker.backendEndpoint(),
                    settings.workers(), settings.clients(), settings.jobsPerClient(), settings.crashAfter());
            List<Thread> workerThreads = new ArrayList<>();
            for (int i = 1; i <= settings.workers(); i++) {
                workerThreads.add(startWorker(context, broker, "worker-" + i, i == 1 ? settings.crashAfter() : 0, out));
            }
            awaitWorkers(broker);
            Thread supervisor = Threads.start("supervisor", () -> restartAfterCrash(context, broker,
                    workerThreads.get(0), out));
            List<Thread> clients = new ArrayList<>();
            for (int c = 1; c <= settings.clients(); c++) {
                int client = c;
                clients.add(Threads.start("client-" + c, () -> submitAll(context, broker, client, out)));
            }
            clients.forEach(thread -> Threads.join(thread, JOIN));
            finished = true;
            workers.forEach(QueueWorker::stop);
            broker.stop();
            Threads.join(supervisor, JOIN);
            Threads.join(brokerThread, JOIN);
            return report(out);
        }
    }

    private void awaitWorkers(Broker broker) {
        try {
            if (!broker.awaitReady(settings.workers(), JOIN)) {
                throw new IllegalStateException("the workers did not say READY within " + JOIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the workers", e);
        }
    }

    private Thread startWorker(Context context, Broker broker, String name, int crashAfter, PrintStream out) {
        QueueWorker worker = new QueueWorker(context, broker.backendEndpoint(), name, crashAfter,
                settings.workTime(), out);
        workers.add(worker);
        return Threads.start(name, worker);
    }

    private void restartAfterCrash(Context context, Broker broker, Thread crashing, PrintStream out) {
        Threads.join(crashing, JOIN);
        if (!finished) {
            out.println("worker-1 is back");
            startWorker(context, broker, "worker-1", 0, out);
        }
    }

    private void submitAll(Context context, Broker broker, int client, PrintStream out) {
        String name = "client-" + client;
        try (JobClient jobs = new JobClient(context, broker.frontendEndpoint(), name, settings.timeout(),
                settings.attempts(), out)) {
            for (int j = 1; j <= settings.jobsPerClient(); j++) {
                String id = String.format("c%d-%02d", client, j);
                Job job = JobClient.reverseJob(id, "job " + j + " of " + name);
                JobResult result = jobs.submit(job);
                results.put(id, result);
                if (result.getOk()) {
                    out.printf("%s: %s done by %s: \"%s\"%n", name, id, result.getWorker(),
                            result.getOutput().toStringUtf8());
                }
            }
            retries.addAndGet(jobs.retries());
        }
    }

    private boolean report(PrintStream out) {
        int total = settings.clients() * settings.jobsPerClient();
        long completed = results.values().stream().filter(JobResult::getOk).count();
        Map<String, Integer> perWorker = new TreeMap<>();
        results.values().stream().filter(JobResult::getOk)
                .forEach(result -> perWorker.merge(result.getWorker(), 1, Integer::sum));
        out.printf("jobs: %d submitted, %d completed, %d failed, %d sent again after a timeout%n", total, completed,
                total - completed, retries.get());
        perWorker.forEach((worker, count) -> out.printf("  %s: %d results%n", worker, count));
        out.println(completed == total ? "every job completed" : "SOME JOBS FAILED");
        return completed == total;
    }
}
