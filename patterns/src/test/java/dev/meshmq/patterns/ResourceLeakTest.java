package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No file descriptors, selector keys or threads left behind by many open/connect/close cycles. The
 * JVM itself opens and closes a descriptor now and then (class loading, the test runner's channel),
 * so the count may move by {@value #JVM_NOISE}; a leak of one per cycle would show as hundreds.
 */
class ResourceLeakTest extends MeshTestSupport {

    private static final long JVM_NOISE = 3;

    private static long openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count /proc/self/fd", e);
        }
    }

    private static long meshThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("meshmq-")).count();
    }

    @Test
    void aThousandOpenConnectCloseCyclesLeaveNoFileDescriptorsBehind() {
        Context context = newContext();
        for (String transport : new String[] {"tcp", "ipc"}) {
            cycle(context, transport);
        }
        long before = openFileDescriptors();
        for (int i = 0; i < 1000; i++) {
            cycle(context, i % 2 == 0 ? "tcp" : "ipc");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(
                openFileDescriptors() <= before + JVM_NOISE,
                "file descriptors: " + before + " before 1000 cycles, " + openFileDescriptors() + " after"));
    }

    private void cycle(Context context, String transport) {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            pull.set(SocketOptions.LINGER, Duration.ZERO);
            push.set(SocketOptions.LINGER, Duration.ZERO);
            push.connect(pull.bind(Endpoints.fresh(transport)));
            push.send("x");
            pull.receive(TIMEOUT).orElseThrow();
        }
    }

    @Test
    void closedContextsLeaveNoThreadsOrFileDescriptors() {
        for (int i = 0; i < 3; i++) {
            try (Context warmUp = Context.create()) {
                cycle(warmUp, "tcp");
            }
        }
        long threadsBefore = meshThreads();
        long fdsBefore = openFileDescriptors();
        for (int i = 0; i < 100; i++) {
            try (Context context = Context.create()) {
                cycle(context, "tcp");
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(threadsBefore, meshThreads(), "MeshMQ threads after 100 contexts");
            assertTrue(openFileDescriptors() <= fdsBefore + JVM_NOISE,
                    "file descriptors: " + fdsBefore + " before 100 contexts, " + openFileDescriptors() + " after");
        });
    }
}
