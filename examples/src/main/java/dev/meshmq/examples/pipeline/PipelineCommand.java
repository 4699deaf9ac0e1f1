package dev.meshmq.examples.pipeline;

import dev.meshmq.examples.Console;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshmq pipeline}: runs the in-process {@link Pipeline}.
 *
 * <p>Thread-safety: one use per instance.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Ventilator -> workers -> sink over inproc PUSH/PULL, with HWM back-pressure.")
public final class PipelineCommand implements Callable<Integer> {

    @Option(names = "--workers", defaultValue = "4", description = "Workers (default ${DEFAULT-VALUE}).")
    private int workers;

    @Option(names = "--tasks", defaultValue = "20000", description = "Tasks (default ${DEFAULT-VALUE}).")
    private int tasks;

    @Option(names = "--hwm", defaultValue = "10", description = "High-water mark (default ${DEFAULT-VALUE}).")
    private int highWaterMark;

    @Option(names = "--rounds", defaultValue = "100",
            description = "SHA-256 rounds per task (default ${DEFAULT-VALUE}).")
    private int rounds;

    private final Console console;

    /**
     * Creates the command.
     *
     * @param console where the report goes
     */
    public PipelineCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        return new Pipeline(workers, tasks, highWaterMark, rounds).run(console.out()) ? 0 : 1;
    }
}
