package dev.meshmq.examples;

import dev.meshmq.InvalidEndpointException;
import dev.meshmq.examples.cli.KeygenCommand;
import dev.meshmq.examples.cli.MonitorCommand;
import dev.meshmq.examples.cli.RecvCommand;
import dev.meshmq.examples.cli.SendCommand;
import dev.meshmq.examples.pipeline.PipelineCommand;
import dev.meshmq.examples.pubsub.PubSubCommand;
import dev.meshmq.examples.queue.BrokerCommand;
import dev.meshmq.examples.queue.ClientCommand;
import dev.meshmq.examples.queue.WorkerCommand;
import dev.meshmq.examples.queue.WorkerQueueCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Assembles the {@code meshmq} command line and decides what a shell user sees when something goes
 * wrong: exactly one line on standard error, and exit status 2 for a usage error or 1 for a failure.
 *
 * <p>Thread-safety: each {@link CommandLine} it builds has one user.
 */
@Command(name = "meshmq", mixinStandardHelpOptions = true, version = "meshmq 0.1.0-SNAPSHOT",
        description = "MeshMQ examples and a tool to send and receive messages from a shell.")
public final class Commands {

    /** Exit status of a usage error: bad option, unknown socket type, malformed endpoint. */
    public static final int USAGE = 2;

    /** Exit status of a failure at run time. */
    public static final int FAILURE = 1;

    private Commands() {
    }

    /**
     * Builds the command line with every sub-command, writing to the console.
     *
     * @param console the streams the commands use
     * @return the command line, ready to {@code execute}
     */
    static CommandLine commandLine(Console console) {
        CommandLine line = new CommandLine(new Commands())
                .addSubcommand("demo", new DemoCommand(console))
                .addSubcommand("pipeline", new PipelineCommand(console))
                .addSubcommand("worker-queue", new WorkerQueueCommand(console))
                .addSubcommand("broker", new BrokerCommand(console))
                .addSubcommand("worker", new WorkerCommand(console))
                .addSubcommand("client", new ClientCommand(console))
                .addSubcommand("pubsub", new PubSubCommand(console))
                .addSubcommand("send", new SendCommand(console))
                .addSubcommand("recv", new RecvCommand(console))
                .addSubcommand("monitor", new MonitorCommand(console))
                .addSubcommand("keygen", new KeygenCommand(console));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8));
        line.setParameterExceptionHandler((error, args) -> {
            console.err().println(error.getCommandLine().getCommandSpec().qualifiedName() + ": "
                    + error.getMessage() + " (see --help)");
            return USAGE;
        });
        line.setExecutionExceptionHandler((error, failed, result) -> {
            String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
            console.err().println(failed.getCommandSpec().qualifiedName() + ": " + reason);
            return error instanceof InvalidEndpointException || error instanceof UsageException ? USAGE : FAILURE;
        });
        return line;
    }
}
