package dev.meshmq.examples.cli;

import dev.meshmq.Socket;
import dev.meshmq.examples.UsageException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --bind} and {@code --connect} options of every command-line socket (a picocli mixin):
 * checks that there is at least one, binds and connects, and notes each bound endpoint (with its
 * real port) on standard error so that a script can find a wildcard port.
 *
 * <p>Thread-safety: one use per instance.
 */
final class EndpointOptions {

    @Option(names = {"-b", "--bind"}, paramLabel = "ENDPOINT",
            description = "Endpoint to bind (repeatable), e.g. tcp://*:5555.")
    private List<String> binds = new ArrayList<>();

    @Option(names = {"-c", "--connect"}, paramLabel = "ENDPOINT",
            description = "Endpoint to connect to (repeatable).")
    private List<String> connects = new ArrayList<>();

    /** Fails with a usage error unless exactly one --connect and no --bind were given. */
    void requireOneConnectOnly(String why) {
        if (!binds.isEmpty() || connects.size() != 1) {
            throw new UsageException(why);
        }
    }

    /** Fails with a usage error unless at least one endpoint was given. */
    void requireOne() {
        if (binds.isEmpty() && connects.isEmpty()) {
            throw new UsageException("give at least one --bind or --connect endpoint");
        }
    }

    /** Binds and connects {@code socket}; each bind is reported as {@code bound <endpoint>} on {@code notes}. */
    void attach(Socket socket, PrintStream notes) {
        for (String endpoint : binds) {
            notes.println("bound " + socket.bind(endpoint));
        }
        for (String endpoint : connects) {
            socket.connect(endpoint);
        }
    }
}
