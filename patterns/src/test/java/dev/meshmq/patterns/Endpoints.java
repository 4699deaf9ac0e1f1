package dev.meshmq.patterns;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Unique endpoints for tests, so that two runs of the suite never collide. */
final class Endpoints {

    private static final AtomicLong COUNTER = new AtomicLong();

    private Endpoints() {
    }

    /** Returns a bindable endpoint of the transport: an ephemeral tcp port, a fresh ipc path or inproc name. */
    static String fresh(String transport) {
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
}
