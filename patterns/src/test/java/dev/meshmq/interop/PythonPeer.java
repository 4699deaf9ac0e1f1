package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A libzmq peer: {@code zmq_peer.py} (a test resource) run by Debian's {@code /usr/bin/python3} with
 * {@code python3-zmq}. Its stdout lines are read on a thread into a queue; its stderr is kept for
 * failure messages; {@link #close()} kills it if it still runs.
 *
 * <p>A missing interpreter or pyzmq fails the test (it is not skipped): in CI a missing peer is a failure.
 */
final class PythonPeer implements InteropPeer {

    /** Debian's interpreter; another python3 may come first on PATH and lack zmq. */
    static final String PYTHON = "/usr/bin/python3";

    /** Seconds each blocking step of the script may take before it gives up (exit status 1). */
    static final int STEP_TIMEOUT_SECONDS = 5;

    private static final String INSTALL_HINT = "install the libzmq interop peer with: apt-get install -y python3-zmq";
    private static final String RESOURCE = "/interop/zmq_peer.py";

    private static Path script;
    private static String libzmqVersion;

    private final Process process;
    private final StringBuffer stderr = new StringBuffer();
    private final PeerLines lines;
    private final String description;

    /** The process id, to freeze the peer with SIGSTOP in heartbeat tests. */
    long pid() {
        return process.pid();
    }

    private PythonPeer(Process process, String description) {
        this.process = process;
        this.description = description;
        this.lines = new PeerLines(description, this::diagnostics);
        startReader("zmq-peer-stdout", process.getInputStream(), lines::add, lines::end);
        startReader("zmq-peer-stderr", process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> { });
    }

    /**
     * Starts the peer for {@code spec}; when it binds, its first line is {@code BOUND <endpoint>}.
     *
     * @param spec what the peer does
     * @return the running peer
     */
    static PythonPeer start(PeerSpec spec) {
        return start(spec, List.of());
    }

    /**
     * Starts the script for {@code spec} with extra command-line options (such as {@code --heartbeat 100}).
     *
     * @param spec what the peer does
     * @param extraArguments more options for zmq_peer.py
     * @return the running peer
     */
    static PythonPeer start(PeerSpec spec, List<String> extraArguments) {
        requireLibzmq();
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script.toString(),
                "--type", spec.type(), spec.bind() ? "--bind" : "--connect", spec.endpoint(),
                "--role", spec.role().argument(), "--timeout", Integer.toString(STEP_TIMEOUT_SECONDS)));
        if (!spec.routingId().isEmpty()) {
            command.add("--routing-id");
            command.add(spec.routingId());
        }
        if (spec.sends()) {
            for (String token : spec.messages()) {
                command.add("--message");
                command.add(token);
            }
        } else {
            command.add("--count");
            command.add(Integer.toString(spec.messages().size()));
        }
        if (spec.role() == PeerRole.SUBSCRIBE) {
            command.add("--topic");
            command.add(HexFormat.of().formatHex(spec.topic().getBytes(StandardCharsets.UTF_8)));
        }
        command.addAll(extraArguments);
        try {
            return new PythonPeer(new ProcessBuilder(command).start(), "libzmq peer (" + spec + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Fails the calling test unless {@value #PYTHON} can import zmq; extracts the script once.
     *
     * @return the libzmq version the peer uses
     */
    static synchronized String requireLibzmq() {
        if (libzmqVersion != null) {
            return libzmqVersion;
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return fail(PYTHON + " is missing, so there is no libzmq peer for the interop tests; " + INSTALL_HINT);
        }
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import zmq; print(zmq.zmq_version())")
                    .redirectErrorStream(true).start();
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return fail(PYTHON + " -c 'import zmq' did not finish within 30 s");
            }
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (check.exitValue() != 0) {
                return fail(PYTHON + " cannot import zmq (" + output + "); " + INSTALL_HINT);
            }
            script = extractScript();
            libzmqVersion = output;
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + PYTHON, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking " + PYTHON, e);
        }
    }

    @Override
    public String awaitLine(Duration timeout) {
        return lines.next(timeout);
    }

    @Override
    public String awaitPrefix(String prefix, Duration timeout) {
        return lines.nextWithPrefix(prefix, timeout);
    }

    @Override
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return fail(description + " did not exit within " + timeout + "\n" + diagnostics());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + description, e);
        }
    }

    @Override
    public String diagnostics() {
        String status = process.isAlive() ? "still running" : "exit status " + process.exitValue();
        return description + ": " + status + "; stderr:\n" + stderr;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private static Path extractScript() throws IOException {
        return extractResource(RESOURCE);
    }

    /**
     * Copies a test resource (a peer script) to a temporary file deleted when the JVM exits.
     *
     * @param resource the resource's path on the test classpath, such as {@code /interop/zmq_peer.py}
     * @return the file
     * @throws IOException if the resource is missing or cannot be copied
     */
    static Path extractResource(String resource) throws IOException {
        try (InputStream in = PythonPeer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource " + resource + " is not on the classpath");
            }
            Path file = Files.createTempFile("peer", ".py");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }

    private static void startReader(String name, InputStream stream, LineSink sink, Runnable atEnd) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("<" + name + " failed: " + e + ">");
            } finally {
                atEnd.run();
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Takes one line of a peer's output. */
    @FunctionalInterface
    private interface LineSink {
        void accept(String line);
    }
}
