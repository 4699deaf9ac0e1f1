package dev.meshmq.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link PeerProcess} in a child JVM, started directly or inside a network namespace
 * ({@code ip netns exec}); commands go to its standard input, every line it prints is kept and can be
 * awaited. {@link #kill()} is {@code kill -9}.
 *
 * <p>Thread-safety: one test thread; a daemon thread reads the child's output into a monitor-guarded list.
 */
final class ChildPeer implements AutoCloseable {

    private final Process process;
    private final Writer commands;
    private final List<String> lines = new ArrayList<>();
    private final Path errorFile;

    private ChildPeer(List<String> prefix) throws IOException {
        errorFile = Files.createTempFile("meshmq-peer-", ".err");
        List<String> command = new ArrayList<>(prefix);
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // a small, quickly started JVM: these peers move a few thousand messages at most
        command.addAll(List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), PeerProcess.class.getName()));
        process = new ProcessBuilder(command).redirectError(errorFile.toFile()).start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "child-peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a peer in this network namespace. */
    static ChildPeer start() throws IOException {
        return new ChildPeer(List.of());
    }

    /** Starts a peer inside network namespace {@code namespace}. */
    static ChildPeer startIn(String namespace) throws IOException {
        return new ChildPeer(List.of("ip", "netns", "exec", namespace));
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lines) {
                lines.add("output ended: " + e);
                lines.notifyAll();
            }
        }
    }

    /** Sends a command line. */
    void command(String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
    }

    /** Opens a socket in the child and returns the endpoint it bound or connected to. */
    String open(String name, String type, String bindOrConnect, String endpoint, boolean heartbeat)
            throws IOException {
        command("open " + name + " " + type + " " + bindOrConnect + " " + endpoint + (heartbeat ? " hb" : ""));
        String ready = awaitLine(line -> line.startsWith("ready " + name + " "), Duration.ofSeconds(20));
        return ready.substring(("ready " + name + " ").length());
    }

    /** Opens a socket with TCP keepalive (first probe after 1 s idle, then every 1 s, 2 unanswered end it). */
    String openWithKeepalive(String name, String type, String bindOrConnect, String endpoint)
            throws IOException {
        command("open " + name + " " + type + " " + bindOrConnect + " " + endpoint + " ka");
        return awaitLine(line -> line.startsWith("ready " + name + " "), Duration.ofSeconds(20))
                .substring(("ready " + name + " ").length());
    }

    /** Waits for a line that {@code wanted} accepts, among all lines printed so far and to come. */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the peer did not print the line awaited within " + timeout
                            + "; it printed " + lines + "; its stderr: " + Files.readString(errorFile));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lines, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Every line printed so far that {@code wanted} accepts, in order. */
    List<String> lines(Predicate<String> wanted) {
        synchronized (lines) {
            return lines.stream().filter(wanted).toList();
        }
    }

    /** {@code kill -9}: the process dies at once, and its kernel closes its sockets. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the peer survived kill -9 for 10 s");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                command("quit");
            }
        } catch (IOException ignored) {
            // the child is gone already
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(errorFile);
    }
}
