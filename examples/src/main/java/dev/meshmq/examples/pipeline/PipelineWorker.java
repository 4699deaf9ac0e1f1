package dev.meshmq.examples.pipeline;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.examples.Threads;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * One pipeline worker on its own thread: PULLs a task, hashes it {@code rounds} times (the work),
 * and PUSHes {@code [task id, worker name]} to the sink, until stopped.
 *
 * <p>Thread-safety: {@link #stop()} from any thread; the sockets belong to the worker's thread.
 */
final class PipelineWorker implements Runnable {

    private static final Duration POLL = Duration.ofMillis(50);

    private final Context context;
    private final String name;
    private final String taskEndpoint;
    private final String resultEndpoint;
    private final int highWaterMark;
    private final int rounds;
    private final CountDownLatch connected;
    private volatile boolean running = true;
    private Thread thread;

    private PipelineWorker(Context context, String name, String taskEndpoint, String resultEndpoint,
            int highWaterMark, int rounds, CountDownLatch connected) {
        this.context = context;
        this.name = name;
        this.taskEndpoint = taskEndpoint;
        this.resultEndpoint = resultEndpoint;
        this.highWaterMark = highWaterMark;
        this.rounds = rounds;
        this.connected = connected;
    }

    static PipelineWorker start(Context context, String name, String taskEndpoint, String resultEndpoint,
            int highWaterMark, int rounds, CountDownLatch connected) {
        PipelineWorker worker = new PipelineWorker(context, name, taskEndpoint, resultEndpoint, highWaterMark,
                rounds, connected);
        worker.thread = Threads.start("pipeline-" + name, worker);
        return worker;
    }

    @Override
    public void run() {
        try (PullSocket tasks = context.createPull(); PushSocket results = context.createPush()) {
            tasks.set(SocketOptions.RECEIVE_HWM, highWaterMark);
            tasks.connect(taskEndpoint);
            results.connect(resultEndpoint);
            connected.countDown();
            while (running) {
                Optional<Message> task = tasks.receive(POLL);
                if (task.isPresent()) {
                    String id = task.get().string(1);
                    work(id);
                    results.send(Message.of(id, name));
                }
            }
        }
    }

    void stop() {
        running = false;
        Threads.join(thread, Duration.ofSeconds(10));
    }

    private byte[] work(String id) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = id.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < rounds; i++) {
                digest = sha256.digest(digest);
            }
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
