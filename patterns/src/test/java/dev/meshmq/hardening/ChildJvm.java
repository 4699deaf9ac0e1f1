package dev.meshmq.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.PushSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SmallServer} in a child JVM with the given limits, spoken to line by line. Its standard
 * error goes to a file, read back by {@link #errors()}.
 *
 * <p>Thread-safety: one test thread; a daemon thread reads the child's output.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
    private final Path errorFile;

    ChildJvm(String... jvmOptions) throws IOException {
        this(0, jvmOptions);
    }

    /**
     * Starts the child with at most {@code openFiles} open files (through the shell's ulimit), or with
     * this process's limit if 0.
     */
    ChildJvm(int openFiles, String... jvmOptions) throws IOException {
        errorFile = Files.createTempFile("meshmq-child-", ".err");
        List<String> command = new ArrayList<>();
        if (openFiles > 0) {
            command.addAll(List.of("/bin/sh", "-c", "ulimit -n " + openFiles + " && exec \"$0\" \"$@\""));
        }
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SmallServer.class.getName());
        process = new ProcessBuilder(command).redirectError(errorFile.toFile()).start();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.put(line);
            }
        } catch (IOException | InterruptedException e) {
            lines.offer("output ended: " + e);
        }
    }

    /** Waits for the next line from the child; fails if none comes within {@code seconds}. */
    String nextLine(long seconds) throws InterruptedException, IOException {
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the child said nothing for " + seconds + " s; its stderr: " + errors());
        }
        return line;
    }

    /** Sends a command and returns the child's answer. */
    String ask(String command, long seconds) throws IOException, InterruptedException {
        commands.write(command + "\n");
        commands.flush();
        return nextLine(seconds);
    }

    /** Asks the child for its used heap after two full collections. */
    long heap() throws IOException, InterruptedException {
        String answer = ask("heap", 60);
        if (!answer.startsWith("heap ")) {
            throw new AssertionError("the child answered '" + answer + "' to heap");
        }
        return Long.parseLong(answer.substring("heap ".length()));
    }

    /** The socket address of a {@code tcp://host:port} endpoint. */
    static java.net.InetSocketAddress tcpAddress(String endpoint) {
        String hostPort = endpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        return new java.net.InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The child's processor time so far, user and system, in seconds (Linux /proc). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Paths.get("/proc", Long.toString(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / 100.0;
    }

    /**
     * Checks that the child still serves: a fresh PUSH connects to {@code endpoint} and the child's PULL
     * receives what it sends, and the child is alive.
     */
    void assertServesAGoodPeer(String endpoint) throws IOException, InterruptedException {
        try (Context context = Context.create(); PushSocket push = context.createPush()) {
            push.connect(endpoint);
            push.send("good peer");
            assertEquals("received good peer", ask("receive 20000", 30));
        }
        assertTrue(isAlive(), errors());
    }

    String errors() throws IOException {
        return Files.readString(errorFile);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                commands.write("quit\n");
                commands.flush();
            }
        } catch (IOException ignored) {
            // the child is gone already
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(errorFile);
    }
}
