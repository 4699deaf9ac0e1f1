package dev.meshmq.examples.queue;

import java.time.Duration;

/**
 * The shape of a {@link WorkerQueueDemo} run.
 *
 * <p>Thread-safety: immutable.
 *
 * @param workers how many workers start
 * @param clients how many clients submit jobs at once
 * @param jobsPerClient how many jobs each client submits, one after another
 * @param crashAfter worker-1 crashes on this job (1 for its first); 0 for no crash
 * @param timeout how long a client waits for a result before it sends the job again
 * @param attempts how many times a client sends a job at most
 * @param workTime how long each job takes a worker
 */
public record QueueSettings(int workers, int clients, int jobsPerClient, int crashAfter, Duration timeout,
        int attempts, Duration workTime) {
}
