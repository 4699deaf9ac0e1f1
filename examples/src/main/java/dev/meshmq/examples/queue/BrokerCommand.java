package dev.meshmq.examples.queue;

import dev.meshmq.Context;
import dev.meshmq.examples.Console;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshmq broker}: runs the worker queue's {@link Broker} until the process is stopped.
 *
 * <p>Thread-safety: one use per instance.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "The worker queue's load-balancing broker (ROUTER frontend, ROUTER backend).")
public final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--frontend", defaultValue = "tcp://*:5555",
            description = "Where clients connect (default ${DEFAULT-VALUE}).")
    private String frontend;

    @Option(names = "--backend", defaultValue = "tcp://*:5556",
            description = "Where workers connect (default ${DEFAULT-VALUE}).")
    private String backend;

    private final Console console;

    /**
     * Creates the command.
     *
     * @param console where the broker's notes go
     */
    public BrokerCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        try (Context context = Context.create()) {
            Broker broker = new Broker(context, frontend, backend, console.out());
            console.out().printf("broker: clients connect to %s, workers to %s%n", broker.frontendEndpoint(),
                    broker.backendEndpoint());
            broker.run();
        }
        return 0;
    }
}
