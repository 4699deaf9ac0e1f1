package dev.meshmq.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other side of a {@code --procs 2} run: a child JVM started from the same java binary and class
 * path, running a hidden peer sub-command. It reports on stdout with one line that starts with a
 * known word; its stderr goes to ours. It is killed if it does not finish in time.
 *
 * <p>Extra JVM flags for the child (for example to profile it) come from the system property
 * {@code meshmq.bench.peerJvmArgs}, split on spaces.
 */
final class PeerProcess implements AutoCloseable {

    private final Process process;

    private PeerProcess(Process process) {
        this.process = process;
    }

    static PeerProcess start(List<String> peerArgs) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String arg : System.getProperty("meshmq.bench.peerJvmArgs", "").trim().split(" +")) {
            if (!arg.isEmpty()) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(peerArgs);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new PeerProcess(process);
        } catch (IOException e) {
            throw new BenchFailure("cannot start the peer JVM: " + e.getMessage(), e);
        }
    }

    boolean hasExited() {
        return !process.isAlive();
    }

    /**
     * Waits for the peer to exit and returns its report line.
     *
     * @param word the first word of the report line
     * @param timeoutSeconds how long to wait
     * @return the words of the report line after {@code word}
     */
    String[] awaitReport(String word, double timeoutSeconds) {
        try {
            if (!process.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BenchFailure("peer JVM did not exit within " + timeoutSeconds + " s; killed it");
            }
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String line : output.split("\\R")) {
                String[] words = line.trim().split(" ");
                if (words[0].equals(word)) {
                    return words;
                }
            }
            throw new BenchFailure("peer JVM exited with code " + process.exitValue() + " and no '" + word
                    + "' report; its stdout was: " + output.trim());
        } catch (IOException e) {
            throw new BenchFailure("cannot read the peer's report: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new BenchFailure("interrupted while waiting for the peer JVM", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
