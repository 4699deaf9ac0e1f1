package dev.meshmq.examples.cli;

import dev.meshmq.Socket;
import dev.meshmq.examples.UsageException;
import java.io.PrintStream;
import java.util.List;

/**
 * The {@code --bind} and {@code --connect} options every command-line socket takes: checks that
 * there is at least one, binds and connects, and notes each bound endpoint (with its real port) on
 * standard error so that a script can find a wildcard port.
 *
 * <p>Thread-safety: immutable.
 *
 * @param binds endpoints to bind, in order
 * @param connects endpoints to connect to, in order
 */
record Endpoints(List<String> binds, List<String> connects) {

    Endpoints {
        binds = List.copyOf(binds);
        connects = List.copyOf(connects);
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
