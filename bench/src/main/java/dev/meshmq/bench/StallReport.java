package dev.meshmq.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes what a stalled round leaves behind: a full thread dump of this JVM and, if the round has a
 * peer JVM, of that one too, in one file in the temporary directory ({@code meshmq-bench-stall-<pid>-<n>.txt})
 * whose name goes into the failure message. Taken before the round is aborted, so the stacks show where
 * each thread was stuck.
 *
 * <p>Thread-safety: stateless apart from a counter for file names; callable from any thread.
 */
final class StallReport {

    static final String THIS_JVM = "=== this JVM (the bench) ===";
    static final String PEER_JVM = "=== peer JVM ===";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private StallReport() {
    }

    /**
     * Dumps both JVMs into a new file.
     *
     * @param what what stalled, the first line of the file
     * @param peer the round's peer JVM, or {@link Watchdog#NO_PEER}
     * @return the file, or null if it could not be written (the dump then went to stderr)
     */
    static Path write(String what, Watchdog.Peer peer) {
        String eol = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append("stall: ").append(what).append(eol).append(eol).append(THIS_JVM).append(eol)
                .append(ThreadDumps.ofThisJvm("bench JVM thread dump")).append(eol);
        if (peer != Watchdog.NO_PEER) {
            text.append(PEER_JVM).append(eol).append(peer.threadDump());
        }
        Path file = Path.of(System.getProperty("java.io.tmpdir"),
                "meshmq-bench-stall-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + ".txt");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            System.err.println("meshmq-bench: cannot write " + file + " (" + e.getMessage()
                    + "); the thread dumps follow" + eol + text);
            return null;
        }
    }

    /**
     * Says where the dumps went, for a failure message.
     *
     * @param file what {@link #write} returned
     * @return a short phrase
     */
    static String describe(Path file) {
        return file == null ? "thread dumps of both JVMs on stderr" : "thread dumps of both JVMs in " + file;
    }
}
