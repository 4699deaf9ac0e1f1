package dev.meshmq.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code meshmq demo}: runs the {@link Demo}; also what the jar runs with no arguments.
 *
 * <p>Thread-safety: one use per instance.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Moves messages between PUSH/PULL and PAIR sockets over tcp and inproc (the default).")
final class DemoCommand implements Callable<Integer> {

    private final Console console;

    DemoCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Demo.run(console.out());
        return 0;
    }
}
