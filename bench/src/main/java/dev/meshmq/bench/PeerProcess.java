package dev.meshmq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The other side of a {@code --procs 2} run (and of a soak): a child JVM started from the same java
 * binary and class path, running a hidden peer sub-command. It reports on stdout with lines that start
 * with a known word; its stderr goes to ours. Its stdin is a control channel ({@link PeerControl}):
 * work requests, and a request for a thread dump when a round stalls. It is killed if it does not
 * finish in time.
 *
 * <p>Extra JVM flags for the child (for example to profile it) come from the system property
 * {@code meshmq.bench.peerJvmArgs}, split on spaces.
 *
 * <p>Thread-safety: one owner thread runs and closes the peer; {@link #hasExited()} and
 * {@link #threadDump} may be called from any thread (a watchdog). A daemon thread collects stdout.
 */
final class PeerProcess implements AutoCloseable, Watchdog.Peer {

    private static final long DUMP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long JCMD_WAIT_SECONDS = 15;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final String END_OF_OUTPUT = "\u0000end";
    private static final AtomicInteger DUMPS = new AtomicInteger();
    private static final int SEEN_LINES = 20;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** The last lines awaitLine skipped or matched, for failure messages; owner thread only. */
    private final Deque<String> seen = new ArrayDeque<>();

    private PeerProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collectOutput, "meshmq-bench-peer-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
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

    long pid() {
        return process.pid();
    }

    @Override
    public boolean hasExited() {
        return !process.isAlive();
    }

    /**
     * Sends one request line to the peer's control channel.
     *
     * @param line the request, without a line break
     */
    synchronized void request(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new BenchFailure("cannot send '" + line + "' to the peer JVM: " + e.getMessage(), e);
        }
    }

    /** Closes the peer's stdin (its control channel), which a peer reads as the request to end. */
    synchronized void endInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the pipe is already broken: the peer sees the end of its input either way
            return;
        }
    }

    /**
     * Waits for the next stdout line of the peer that starts with {@code word}, skipping others; the
     * peer keeps running.
     *
     * @param word the first word of the report line
     * @param timeoutSeconds how long to wait
     * @return the words of the line, {@code word} first
     * @throws BenchFailure if the peer exits first or the time runs out
     */
    String[] awaitLine(String word, double timeoutSeconds) {
        long deadline = Watchdog.deadline(timeoutSeconds);
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new BenchFailure("no '" + word + "' line from the peer JVM within " + timeoutSeconds
                            + " s");
                }
                if (END_OF_OUTPUT.equals(line)) {
                    lines.add(line);
                    throw new BenchFailure("peer JVM exited without a '" + word + "' line; its last stdout lines were: "
                            + String.join(" | ", seen));
                }
                seen.addLast(line);
                if (seen.size() > SEEN_LINES) {
                    seen.removeFirst();
                }
                String[] words = line.trim().split(" ");
                if (words[0].equals(word)) {
                    return words;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while waiting for the peer JVM", e);
        }
    }

    /**
     * Waits for the peer to exit and returns its report line. If it does not exit in time, both JVMs'
     * thread dumps go to a file named in the failure, and the peer is killed.
     *
     * @param word the first word of the report line
     * @param timeoutSeconds how long to wait
     * @return the words of the report line, {@code word} first
     */
    String[] awaitReport(String word, double timeoutSeconds) {
        try {
            if (!process.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)) {
                Path dump = StallReport.write("peer JVM did not exit within " + timeoutSeconds + " s", this);
                process.destroyForcibly();
                throw new BenchFailure("peer JVM did not exit within " + timeoutSeconds + " s; killed it; "
                        + StallReport.describe(dump), dump);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new BenchFailure("interrupted while waiting for the peer JVM", e);
        }
        try {
            return awaitLine(word, 5);
        } catch (BenchFailure e) {
            throw new BenchFailure("peer JVM exited with code " + process.exitValue() + " and no '" + word
                    + "' report; its last stdout lines were: " + String.join(" | ", seen), e);
        }
    }

    /**
     * Waits for the peer to exit by itself; does not kill it.
     *
     * @param timeoutSeconds how long to wait
     * @return true if it has exited
     */
    boolean awaitExit(double timeoutSeconds) {
        try {
            return process.waitFor((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Asks the peer for a full thread dump over its control channel; if it does not answer within a few
     * seconds, asks {@code jcmd <pid> Thread.print -l} instead.
     *
     * @return the dump, or a line saying why there is none
     */
    @Override
    public String threadDump() {
        if (hasExited()) {
            return "peer JVM (pid " + process.pid() + ") has already exited with code " + process.exitValue()
                    + System.lineSeparator();
        }
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "meshmq-bench-peer-dump-"
                + ProcessHandle.current().pid() + "-" + DUMPS.incrementAndGet() + ".txt");
        try {
            request(PeerControl.DUMP + " " + file);
            long deadline = System.nanoTime() + DUMP_WAIT_NANOS;
            while (!Files.exists(file) && System.nanoTime() - deadline < 0 && !hasExited()) {
                LockSupport.parkNanos(POLL_NANOS);
            }
            if (Files.exists(file)) {
                String dump = Files.readString(file, StandardCharsets.UTF_8);
                Files.deleteIfExists(file);
                return dump;
            }
        } catch (IOException | BenchFailure e) {
            return jcmdDump("the control channel failed (" + e.getMessage() + ")");
        }
        return jcmdDump("no answer on the control channel within " + (DUMP_WAIT_NANOS / 1_000_000) + " ms");
    }

    private String jcmdDump(String why) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String header = "peer JVM (pid " + process.pid() + "): " + why + "; ";
        if (!Files.isExecutable(jcmd)) {
            return header + "no jcmd at " + jcmd + ", so no dump" + System.lineSeparator();
        }
        try {
            Path output = Files.createTempFile("meshmq-bench-jcmd-", ".txt");
            try {
                Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print",
                        "-l").redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!dump.waitFor(JCMD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    dump.destroyForcibly();
                    header += "jcmd did not finish within " + JCMD_WAIT_SECONDS + " s; ";
                }
                return header + "jcmd Thread.print -l says:" + System.lineSeparator()
                        + Files.readString(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return header + "jcmd failed: " + e.getMessage() + System.lineSeparator();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return header + "interrupted while running jcmd" + System.lineSeparator();
        }
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading the peer's stdout failed: " + e.getMessage() + ")");
        }
        lines.add(END_OF_OUTPUT);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
