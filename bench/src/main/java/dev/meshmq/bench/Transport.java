package dev.meshmq.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** The transports a benchmark can run over, and the endpoint the binding side uses for each. */
enum Transport {
    TCP,
    IPC,
    INPROC;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<Path> IPC_FILES = new ArrayList<>();

    /**
     * Returns a fresh endpoint to bind: an ephemeral loopback port, a unique socket file, a unique name.
     *
     * @return the endpoint
     */
    String bindEndpoint() {
        int n = COUNTER.incrementAndGet();
        long pid = ProcessHandle.current().pid();
        switch (this) {
            case TCP:
                return "tcp://127.0.0.1:*";
            case IPC:
                Path file = ipcPath(pid, n);
                synchronized (IPC_FILES) {
                    IPC_FILES.add(file);
                }
                return "ipc://" + file;
            case INPROC:
                return "inproc://meshmq-bench-" + n;
            default:
                throw new IllegalStateException(name());
        }
    }

    /**
     * Returns the socket files handed out since the last call and forgets them, so the caller can
     * delete them after a run (a Unix domain socket file stays after close).
     *
     * @return the files
     */
    static List<Path> resetIpcFiles() {
        synchronized (IPC_FILES) {
            List<Path> files = new ArrayList<>(IPC_FILES);
            IPC_FILES.clear();
            return files;
        }
    }

    private static Path ipcPath(long pid, int n) {
        return Path.of(System.getProperty("java.io.tmpdir"), "meshmq-bench-" + pid + "-" + n + ".ipc");
    }

    /**
     * Returns the lower-case name used on the command line and in results.
     *
     * @return the name
     */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
