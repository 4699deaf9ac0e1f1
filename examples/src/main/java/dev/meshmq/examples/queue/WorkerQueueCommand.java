package dev.meshmq.examples.queue;

import dev.meshmq.examples.Console;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshmq worker-queue}: runs the broker, workers and clients in one JVM ({@link WorkerQueueDemo}).
 *
 * <p>Thread-safety: one use per instance.
 */
@Command(name = "worker-queue", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Broker, workers and clients in one JVM; a worker crashes midway and every job completes.")
public final class WorkerQueueCommand implements Callable<Integer> {

    @Option(names = "--workers", defaultValue = "3", description = "Workers (default ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--clients", defaultValue = "2", description = "Clients (default ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--jobs", defaultValue = "8", description = "Jobs per client (default ${DEFAULT-VALUE}).")
    private int jobs;

    @Option(names = "--crash-after", defaultValue = "2",
            description = "worker-1 crashes on this job, 0 never (default ${DEFAULT-VALUE}).")
    private int crashAfter;

    @Option(names = "--timeout-ms", defaultValue = "500",
            description = "Client timeout per attempt (default ${DEFAULT-VALUE}).")
    private long timeoutMillis;

    @Option(names = "--attempts", defaultValue = "5", description = "Attempts per job (default ${DEFAULT-VALUE}).")
    private int attempts;

    @Option(names = "--work-ms", defaultValue = "20", description = "Time a job takes (default ${DEFAULT-VALUE}).")
    private long workMillis;

    private final Console console;

    /**
     * Creates the command.
     *
     * @param console where the report goes
     */
    public WorkerQueueCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        QueueSettings settings = new QueueSettings(workers, clients, jobs, crashAfter, Duration.ofMillis(timeoutMillis),
                attempts, Duration.ofMillis(workMillis));
        return new WorkerQueueDemo(settings).run(console.out()) ? 0 : 1;
    }
}
