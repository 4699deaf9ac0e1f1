package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The event lines of one peer, written by the thread that reads its output and taken by the test,
 * with failure messages that say what the peer printed and why it stopped.
 */
final class PeerLines {

    /** Queued after the last line; never printed by a peer (no NUL in its output). */
    private static final String END = "\u0000end of output";

    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<String> taken = new ArrayList<>();
    private final String name;
    private final Supplier<String> diagnostics;

    PeerLines(String name, Supplier<String> diagnostics) {
        this.name = name;
        this.diagnostics = diagnostics;
    }

    /** Adds a line (called by the peer's output thread). */
    void add(String line) {
        queue.add(line);
    }

    /** Marks the end of the output (called by the peer's output thread). */
    void end() {
        queue.add(END);
    }

    /** Returns the next line, or fails the test if none comes within {@code timeout}. */
    String next(Duration timeout) {
        String line;
        try {
            line = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
        if (line == null) {
            return fail(name + " printed no line within " + timeout + describe());
        }
        if (END.equals(line)) {
            queue.add(END);
            return fail(name + " ended its output" + describe());
        }
        synchronized (taken) {
            taken.add(line);
        }
        return line;
    }

    /** Returns what follows {@code prefix} in the next line, or fails the test if that line does not start with it. */
    String nextWithPrefix(String prefix, Duration timeout) {
        String line = next(timeout);
        if (!line.startsWith(prefix)) {
            return fail(name + " printed '" + line + "' where a line starting with '" + prefix + "' was expected"
                    + describe());
        }
        return line.substring(prefix.length());
    }

    /** Returns the lines taken so far and those still queued, for failure messages. */
    String history() {
        List<String> all;
        synchronized (taken) {
            all = new ArrayList<>(taken);
        }
        all.add("^ taken / queued v");
        for (String line : queue) {
            all.add(END.equals(line) ? "<end of output>" : line);
        }
        List<String> shortened = new ArrayList<>();
        for (String line : all) {
            shortened.add(line.length() > 200 ? line.substring(0, 200) + "..." : line);
        }
        return String.join("\n  ", shortened);
    }

    private String describe() {
        return "\n" + diagnostics.get() + "\nlines:\n  " + history();
    }
}
