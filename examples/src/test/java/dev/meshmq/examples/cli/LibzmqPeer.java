package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A libzmq peer for the CLI tests: {@code cli_peer.py} (a test resource) run by Debian's
 * {@code /usr/bin/python3} with {@code python3-zmq}, which must be installed: without it the test
 * fails and says how to install it.
 */
final class LibzmqPeer {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String INSTALL = "the libzmq peer needs Debian's python3-zmq: apt-get install -y python3-zmq";
    private static final int TIMEOUT_SECONDS = 15;

    private static Path script;

    private final Process process;
    private final List<String> command;

    private LibzmqPeer(List<String> command) throws IOException {
        this.command = command;
        this.process = new ProcessBuilder(command).start();
    }

    /** Starts the peer with {@code args} (see the script's doc string). */
    static LibzmqPeer start(String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script().toString(), "--timeout", "10"));
        command.addAll(List.of(args));
        try {
            return new LibzmqPeer(command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits for the peer to succeed and returns its output lines, without the final DONE. */
    List<String> finish() {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the libzmq peer did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), "libzmq peer " + command + "\nstdout:\n" + out + "stderr:\n" + err);
            List<String> lines = new ArrayList<>(out.lines().toList());
            assertEquals("DONE", lines.remove(lines.size() - 1), out);
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Fails unless {@value #PYTHON} imports zmq; extracts the script once. */
    private static synchronized Path script() {
        if (script != null) {
            return script;
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing; " + INSTALL);
        }
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true).start();
            if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
                check.destroyForcibly();
                fail(PYTHON + " cannot import zmq ("
                        + new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim() + "); "
                        + INSTALL);
            }
            try (InputStream in = LibzmqPeer.class.getResourceAsStream("/cli/cli_peer.py")) {
                if (in == null) {
                    throw new IOException("test resource /cli/cli_peer.py is not on the classpath");
                }
                Path file = Files.createTempFile("cli_peer", ".py");
                file.toFile().deleteOnExit();
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                script = file;
                return file;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + PYTHON, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
