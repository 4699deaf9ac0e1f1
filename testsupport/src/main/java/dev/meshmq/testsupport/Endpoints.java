package dev.meshmq.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Endpoints that cannot collide, even when the suite runs twice at once on one machine: tcp binds
 * always use an ephemeral port, ipc paths carry the process id, a counter and a random part, inproc
 * names a random part and a counter. The one copy for every test package.
 *
 * <p>Thread-safety: stateless apart from atomic counters; safe for any thread.
 */
public final class Endpoints {

    /** Longest ipc path we hand out; Unix socket paths are limited to about 107 bytes. */
    public static final int MAX_IPC_PATH_BYTES = 100;

    private static final AtomicInteger IPC_COUNTER = new AtomicInteger();
    private static final AtomicLong COUNTER = new AtomicLong();

    private Endpoints() {
    }

    /**
     * Returns a bindable endpoint of the transport: an ephemeral tcp port, a fresh ipc path or inproc name.
     *
     * @param transport "tcp", "ipc" or "inproc"
     * @return the endpoint
     */
    public static String fresh(String transport) {
        String unique = UUID.randomUUID().toString().substring(0, 8) + "-" + COUNTER.incrementAndGet();
        switch (transport) {
            case "tcp":
                return "tcp://127.0.0.1:*";
            case "ipc":
                return "ipc://" + Path.of(System.getProperty("java.io.tmpdir"), "mq-" + unique + ".sock");
            case "inproc":
                return "inproc://test-" + unique;
            default:
                throw new IllegalArgumentException(transport);
        }
    }

    /**
     * Returns a tcp endpoint to bind on loopback with an ephemeral port.
     *
     * @return the endpoint
     */
    public static String tcp() {
        return fresh("tcp");
    }

    /**
     * Returns a fresh ipc endpoint in a short temporary directory; nothing exists at its path yet.
     *
     * @return the endpoint
     */
    public static String ipc() {
        String name = "mmq-" + ProcessHandle.current().pid() + "-" + IPC_COUNTER.incrementAndGet() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000)) + ".ipc";
        Path path = ipcDirectory().resolve(name).toAbsolutePath();
        if (path.toString().getBytes(StandardCharsets.UTF_8).length > MAX_IPC_PATH_BYTES) {
            throw new IllegalStateException("ipc path too long for a Unix socket: " + path);
        }
        return "ipc://" + path;
    }

    /**
     * Deletes the socket file an ipc endpoint left behind; does nothing for other endpoints.
     *
     * @param endpoint the endpoint, may be null
     */
    public static void deleteIpcFile(String endpoint) {
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
