package dev.meshmq.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Endpoints that cannot collide, even when the suite runs twice at once on one machine: tcp binds
 * always use an ephemeral port, ipc paths carry the process id, a counter and a random part.
 */
final class Endpoints {

    /** Longest ipc path we hand out; Unix socket paths are limited to about 107 bytes. */
    static final int MAX_IPC_PATH_BYTES = 100;

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Endpoints() {
    }

    /** Returns a tcp endpoint to bind on loopback with an ephemeral port. */
    static String tcp() {
        return "tcp://127.0.0.1:*";
    }

    /** Returns a fresh ipc endpoint in a short temporary directory; nothing exists at its path yet. */
    static String ipc() {
        String name = "mmq-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000)) + ".ipc";
        Path path = ipcDirectory().resolve(name).toAbsolutePath();
        if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_IPC_PATH_BYTES) {
            throw new IllegalStateException("ipc path too long for a Unix socket: " + path);
        }
        return "ipc://" + path;
    }

    /** Deletes the socket file an ipc endpoint left behind; does nothing for other endpoints. */
    static void deleteIpcFile(String endpoint) {
        if (endpoint == null || !endpoint.startsWith("ipc://")) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(endpoint.substring("ipc://".length())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the socket file of " + endpoint, e);
        }
    }

    private static Path ipcDirectory() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        return tmp.toAbsolutePath().toString().length() <= 60 ? tmp : Path.of("/tmp");
    }
}
