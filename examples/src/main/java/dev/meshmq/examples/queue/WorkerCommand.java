package dev.meshmq.examples.queue;

import dev.meshmq.Context;
import dev.meshmq.examples.Console;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshmq worker}: one {@link QueueWorker} that runs until the process is stopped, or crashes
 * on purpose (exit status 1) with {@code --crash-after}.
 *
 * <p>Thread-safety: one use per instance.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "A worker of the worker queue.")
public final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--connect", defaultValue = "tcp://127.0.0.1:5556",
            description = "The broker's backend (default ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--name", defaultValue = "worker-1",
            description = "Routing id; a restarted worker of the same name takes over (default ${DEFAULT-VALUE}).")
    private String name;

    @Option(names = "--crash-after", defaultValue = "0",
            description = "Crash on this job, 0 never (default ${DEFAULT-VALUE}).")
    private int crashAfter;

    @Option(names = "--work-ms", defaultValue = "100", description = "Time a job takes (default ${DEFAULT-VALUE}).")
    private long workMillis;

    private final Console console;

    /**
     * Creates the command.
     *
     * @param console where the worker's notes go
     */
    public WorkerCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        try (Context context = Context.create()) {
            QueueWorker worker = new QueueWorker(context, backend, name, crashAfter, Duration.ofMillis(workMillis),
                    console.out());
            console.out().println(name + ": working for " + backend);
            worker.run();
            return worker.crashed() ? 1 : 0;
        }
    }
}
