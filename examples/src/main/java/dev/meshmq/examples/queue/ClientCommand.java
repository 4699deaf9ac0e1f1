package dev.meshmq.examples.queue;

import dev.meshmq.Context;
import dev.meshmq.examples.Console;
import dev.meshmq.proto.examples.Job;
import dev.meshmq.proto.examples.JobResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshmq client}: submits jobs to the broker one after another through a {@link JobClient}
 * and prints each result; exit status 1 if any job failed after all its attempts.
 *
 * <p>Thread-safety: one use per instance.
 */
@Command(name = "client", mixinStandardHelpOptions = true, description = "A client of the worker queue.")
public final class ClientCommand implements Callable<Integer> {

    @Option(names = "--connect", defaultValue = "tcp://127.0.0.1:5555",
            description = "The broker's frontend (default ${DEFAULT-VALUE}).")
    private String frontend;

    @Option(names = "--name", defaultValue = "client", description = "Prefix of the job ids.")
    private String name;

    @Option(names = "--jobs", defaultValue = "10", description = "Jobs to submit (default ${DEFAULT-VALUE}).")
    private int jobs;

    @Option(names = "--timeout-ms", defaultValue = "2500",
            description = "Wait per attempt (default ${DEFAULT-VALUE}).")
    private long timeoutMillis;

    @Option(names = "--attempts", defaultValue = "3", description = "Attempts per job (default ${DEFAULT-VALUE}).")
    private int attempts;

    private final Console console;

    /**
     * Creates the command.
     *
     * @param console where results go
     */
    public ClientCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        int failed = 0;
        try (Context context = Context.create();
                JobClient client = new JobClient(context, frontend, name, Duration.ofMillis(timeoutMillis), attempts,
                        console.out())) {
            for (int j = 1; j <= jobs; j++) {
                String id = String.format("%s-%02d", name, j);
                Job job = JobClient.reverseJob(id, "job " + j + " of " + name);
                JobResult result = client.submit(job);
                if (result.getOk()) {
                    console.out().printf("%s done by %s: \"%s\"%n", id, result.getWorker(),
                            result.getOutput().toStringUtf8());
                } else {
                    failed++;
                }
            }
        }
        console.out().printf("%d of %d jobs completed%n", jobs - failed, jobs);
        return failed == 0 ? 0 : 1;
    }
}
