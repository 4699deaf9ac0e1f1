package dev.meshmq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * The peer JVM's end of its control channel, the child's stdin (the parent's end is {@link PeerProcess}).
 * One line per request:
 *
 * <ul>
 *   <li>{@code DUMP <file>}: write a full thread dump of this JVM to {@code <file>} (through a temporary
 *       file and an atomic rename, so the parent never reads half a dump). Answered on the control
 *       thread, so it works while every other thread of this JVM is stuck.</li>
 *   <li>anything else: a work request, handed to the peer's main thread by {@link #nextRequest()}.</li>
 * </ul>
 *
 * <p>End of input (the parent closed the pipe or died) reads as {@link #EXIT}.
 *
 * <p>Thread-safety: one daemon thread reads the input; {@link #nextRequest()} is for one consumer
 * thread (the peer's main thread).
 */
final class PeerControl {

    static final String DUMP = "DUMP";
    static final String EXIT = "EXIT";

    /** What the peer adds to a thread dump. */
    private static volatile Supplier<String> evidence = () -> "";

    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();

    private PeerControl() {
    }

    /**
     * Starts reading requests from {@code input} on a daemon thread.
     *
     * @param input the control channel, normally {@code System.in}
     * @return the control channel's reader
     */
    static PeerControl listen(InputStream input) {
        PeerControl control = new PeerControl();
        Thread thread = new Thread(() -> control.readLoop(input), "meshmq-bench-peer-control");
        thread.setDaemon(true);
        thread.start();
        return control;
    }

    /**
     * Waits for the next work request.
     *
     * @return the request line, or {@link #EXIT} once the input has ended
     */
    String nextRequest() {
        try {
            return requests.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT;
        }
    }

    private void readLoop(InputStream input) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(DUMP + " ")) {
                    writeDump(Path.of(line.substring(DUMP.length() + 1).trim()));
                } else if (!line.isBlank()) {
                    requests.add(line.trim());
                }
            }
        } catch (IOException e) {
            System.err.println("meshmq-bench peer: control channel failed: " + e);
        }
        requests.add(EXIT);
    }

    /**
     * Sets what the peer adds to its thread dumps (its round's socket statistics, say). Any thread.
     *
     * @param description called on the control thread when a dump is asked for; must not block
     */
    static void describeWith(Supplier<String> description) {
        evidence = description;
    }

    private static void writeDump(Path file) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            String described;
            try {
                described = evidence.get();
            } catch (RuntimeException e) {
                described = "peer state unavailable: " + e;
            }
            Files.writeString(partial, ThreadDumps.ofThisJvm("peer JVM thread dump") + "\n" + described + "\n",
                    StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            System.err.println("meshmq-bench peer: cannot write a thread dump to " + file + ": " + e);
        }
    }
}
