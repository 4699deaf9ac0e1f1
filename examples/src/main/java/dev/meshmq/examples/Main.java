package dev.meshmq.examples;

/**
 * The entry point of the examples jar, the {@code meshmq} command: with no arguments it runs the
 * {@link Demo}; otherwise the first argument names a sub-command ({@code meshmq --help} lists them).
 *
 * <p>Exit status: 0 on success, 1 when the command failed at run time (address in use, no peer in
 * time, a job that failed), 2 for a usage error (unknown option or socket type, malformed endpoint).
 *
 * <p>Thread-safety: a program; each call of {@link #run} is independent.
 */
public final class Main {

    /**
     * The library's logger for messages discarded at close. The tool says itself how many messages it
     * could not deliver ({@code send} fails with the count), in its one line on stderr, so the
     * library's WARNING is not repeated there. Held here because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger DISCARDS =
            java.util.logging.Logger.getLogger("dev.meshmq.patterns.LingerTracker");

    private Main() {
    }

    /**
     * Runs the command the arguments name and exits with its status.
     *
     * @param args the command line; empty runs the demo
     */
    public static void main(String[] args) {
        DISCARDS.setLevel(java.util.logging.Level.SEVERE);
        System.exit(run(args, Console.system()));
    }

    /**
     * Runs the command the arguments name on the given streams.
     *
     * @param args the command line; empty runs the demo
     * @param console the streams to use
     * @return the exit status
     */
    public static int run(String[] args, Console console) {
        String[] effective = args.length == 0 ? new String[] {"demo"} : args;
        return Commands.commandLine(console).execute(effective);
    }
}
