package dev.meshmq.examples.queue;

import com.google.protobuf.ByteString;
import dev.meshmq.Context;
import dev.meshmq.DealerSocket;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.proto.ProtobufCodec;
import dev.meshmq.proto.examples.Job;
import dev.meshmq.proto.examples.JobResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A worker of the queue: a DEALER with its name as routing id, connected to the broker's backend. It
 * says {@link Broker#READY}, then answers each {@link Job} with a {@link JobResult} (the payload
 * reversed), keeping the client's envelope in front. With {@code crashAfter} > 0 it "crashes" on
 * that job: it closes its socket with the job in hand and never answers it.
 *
 * <p>Thread-safety: {@link #run()} on one thread; {@link #stop()} from any thread.
 */
public final class QueueWorker implements Runnable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final ProtobufCodec<Job> JOBS = ProtobufCodec.of(Job.parser());
    private static final ProtobufCodec<JobResult> RESULTS = ProtobufCodec.of(JobResult.parser());

    private final Context context;
    private final String backendEndpoint;
    private final String name;
    private final int crashAfter;
    private final Duration workTime;
    private final PrintStream out;
    private volatile boolean running = true;
    private volatile int jobsDone;
    private volatile boolean crashed;

    /**
     * Describes a worker; {@link #run()} starts it.
     *
     * @param context the context
     * @param backendEndpoint the broker's backend
     * @param name the worker's routing id, shown in results
     * @param crashAfter crash on this job (1 for the first), 0 never
     * @param workTime how long each job takes
     * @param out where the worker notes what it does
     */
    public QueueWorker(Context context, String backendEndpoint, String name, int crashAfter, Duration workTime,
            PrintStream out) {
        this.context = context;
        this.backendEndpoint = backendEndpoint;
        this.name = name;
        this.crashAfter = crashAfter;
        this.workTime = workTime;
        this.out = out;
    }

    /**
     * Works until {@link #stop()} or the crash.
     */
    @Override
    public void run() {
        try (DealerSocket broker = context.createDealer()) {
            broker.set(SocketOptions.ROUTING_ID, name.getBytes(StandardCharsets.UTF_8));
            broker.set(SocketOptions.LINGER, Duration.ZERO);
            broker.connect(backendEndpoint);
            broker.send(Broker.READY);
            int taken = 0;
            while (running) {
                Optional<Message> request = broker.receive(POLL);
                if (request.isEmpty()) {
                    continue;
                }
                taken++;
                if (taken == crashAfter) {
                    out.println(name + ": crashing with job " + describe(request.get()) + " in hand");
                    crashed = true;
                    return;
                }
                broker.send(answer(request.get()));
                jobsDone++;
            }
        }
    }

    /** Makes {@link #run()} return within its poll interval. */
    public void stop() {
        running = false;
    }

    /**
     * Returns whether the worker crashed on purpose.
     *
     * @return true after the crash
     */
    public boolean crashed() {
        return crashed;
    }

    /**
     * Returns how many jobs this worker answered.
     *
     * @return the count so far
     */
    public int jobsDone() {
        return jobsDone;
    }

    /** {@code [envelope..., job]} to {@code [envelope..., result]}. */
    private Message answer(Message request) {
        List<Frame> frames = request.frames();
        Frame body = frames.get(frames.size() - 1);
        JobResult result = JOBS.tryDecode(body, error -> out.println(name + ": " + error.getMessage()))
                .map(this::work)
                .orElseGet(() -> JobResult.newBuilder().setOk(false).setWorker(name)
                        .setError("not a Job").build());
        pause();
        Frame[] reply = frames.toArray(new Frame[0]);
        reply[reply.length - 1] = RESULTS.encode(result);
        return Message.of(reply);
    }

    private JobResult work(Job job) {
        byte[] output = new StringBuilder(job.getPayload().toStringUtf8()).reverse().toString()
                .getBytes(StandardCharsets.UTF_8);
        return JobResult.newBuilder().setJobId(job.getId()).setOk(true).setWorker(name)
                .setOutput(ByteString.copyFrom(output)).build();
    }

    private void pause() {
        try {
            Thread.sleep(workTime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String describe(Message request) {
        return JOBS.tryDecode(request.frame(request.size() - 1), error -> { }).map(Job::getId).orElse("?");
    }
}
