package dev.meshmq.examples.queue;

import com.google.protobuf.ByteString;
import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.ReqSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.proto.ProtobufCodec;
import dev.meshmq.proto.examples.Job;
import dev.meshmq.proto.examples.JobResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/**
 * A client of the worker queue: a REQ socket with REQ_RELAXED and REQ_CORRELATE, so that when no
 * result comes within the timeout it can send the job again (the "lazy pirate"), and a late result
 * to an abandoned attempt is discarded instead of being taken for the next job's. After the last
 * attempt the job is reported as failed: no job is silently lost.
 *
 * <p>Thread-safety: single owner, like its socket.
 */
public final class JobClient implements AutoCloseable {

    private static final ProtobufCodec<Job> JOBS = ProtobufCodec.of(Job.parser());
    private static final ProtobufCodec<JobResult> RESULTS = ProtobufCodec.of(JobResult.parser());

    private final ReqSocket broker;
    private final String name;
    private final Duration timeout;
    private final int attempts;
    private final PrintStream out;
    private int retries;

    /**
     * Connects a client to the broker's frontend.
     *
     * @param context the context
     * @param frontendEndpoint the broker's frontend
     * @param name the client's name in notes
     * @param timeout how long to wait for each result before trying again
     * @param attempts how many times to send a job at most
     * @param out where the client notes retries and failures
     */
    public JobClient(Context context, String frontendEndpoint, String name, Duration timeout, int attempts,
            PrintStream out) {
        this.name = name;
        this.timeout = timeout;
        this.attempts = attempts;
        this.out = out;
        this.broker = context.createReq();
        broker.set(SocketOptions.REQ_RELAXED, true);
        broker.set(SocketOptions.REQ_CORRELATE, true);
        broker.set(SocketOptions.LINGER, Duration.ZERO);
        broker.connect(frontendEndpoint);
    }

    /**
     * Sends a job until a result comes or the attempts run out.
     *
     * @param job the job; its {@code attempt} field is set on each try
     * @return the result, or a failed result saying how often the job was tried
     */
    public JobResult submit(Job job) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            broker.send(JOBS.toMessage(job.toBuilder().setAttempt(attempt).build()));
            Optional<Message> reply = broker.receive(timeout);
            if (reply.isPresent()) {
                Optional<JobResult> result = RESULTS.tryDecode(reply.get().first(),
                        error -> out.println(name + ": " + error.getMessage()));
                if (result.isPresent() && result.get().getJobId().equals(job.getId())) {
                    return result.get();
                }
            }
            if (attempt < attempts) {
                retries++;
                out.printf("%s: no result for %s within %d ms, sending it again (attempt %d)%n", name, job.getId(),
                        timeout.toMillis(), attempt + 1);
            }
        }
        out.printf("%s: %s FAILED, no result after %d attempts%n", name, job.getId(), attempts);
        return JobResult.newBuilder().setJobId(job.getId()).setOk(false)
                .setError("no result after " + attempts + " attempts").build();
    }

    /**
     * Makes the examples' job: reverse a text.
     *
     * @param id the job id
     * @param text the payload
     * @return the job
     */
    public static Job reverseJob(String id, String text) {
        return Job.newBuilder().setId(id).setKind("reverse").setPayload(ByteString.copyFromUtf8(text)).build();
    }

    /**
     * Returns how many times a job was sent again.
     *
     * @return the retries so far
     */
    public int retries() {
        return retries;
    }

    @Override
    public void close() {
        broker.close();
    }
}
