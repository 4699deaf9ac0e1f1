package dev.meshmq.examples.pubsub;

import dev.meshmq.examples.Console;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshmq pubsub}: runs the {@link PubSubDemo} fan-out.
 *
 * <p>Thread-safety: one use per instance.
 */
@Command(name = "pubsub", mixinStandardHelpOptions = true,
        description = "A publisher of protobuf events, subscribers on topics, a late joiner and a slow one.")
public final class PubSubCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "500",
            description = "Events per round; there are two rounds (default ${DEFAULT-VALUE}).")
    private int events;

    private final Console console;

    /**
     * Creates the command.
     *
     * @param console where the report goes
     */
    public PubSubCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        return new PubSubDemo(events).run(console.out()) ? 0 : 1;
    }
}
