package dev.meshmq.examples.cli;

import dev.meshmq.Context;
import dev.meshmq.MonitorEvent;
import dev.meshmq.Socket;
import dev.meshmq.SocketType;
import dev.meshmq.examples.Console;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshmq monitor}: opens a socket, connects (or binds) it, and prints its connection events
 * ({@link Socket#monitor}), one line each, until {@code --count} events or {@code --duration-ms}.
 * Closing the socket at the end stops the monitor.
 *
 * <p>Thread-safety: one use per instance.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the connection events of a socket as it connects or binds.")
public final class MonitorCommand implements Callable<Integer> {

    @Option(names = {"-t", "--type"}, defaultValue = "DEALER",
            description = "Socket type, one the peer accepts (default ${DEFAULT-VALUE}).")
    private SocketType type;

    @Mixin
    private EndpointOptions endpoints = new EndpointOptions();

    @Option(names = {"-n", "--count"}, defaultValue = "0",
            description = "Stop after this many events (default: never).")
    private int count;

    @Option(names = "--duration-ms", defaultValue = "0", description = "Stop after this long (default: never).")
    private long durationMillis;

    private final Console console;

    /**
     * Creates the command.
     *
     * @param console where events are printed
     */
    public MonitorCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws InterruptedException {
        endpoints.requireOne();
        BlockingQueue<MonitorEvent> events = new LinkedBlockingQueue<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMillis);
        try (Context context = Context.create(); Socket socket = Sockets.open(context, type.name())) {
            socket.monitor(events::add);
            endpoints.attach(socket, console.err());
            for (int printed = 0; count == 0 || printed < count; printed++) {
                MonitorEvent event = durationMillis <= 0 ? events.take()
                        : events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    break;
                }
                console.out().println(event);
                console.out().flush();
            }
        }
        return 0;
    }
}
