package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.PushSocket;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;

/**
 * Shared plumbing of the behaviour tests: contexts and worker threads that are always cleaned up,
 * numbered messages, and filling a PUSH socket up to its high-water mark.
 */
abstract class MeshTestSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long a send may wait for room before the socket counts as blocked (tcp/ipc drain asynchronously). */
    static final Duration QUIET = Duration.ofMillis(300);

    /** How long to watch for a message that must not arrive. */
    static final Duration SHORT = Duration.ofMillis(100);

    private final List<Context> contexts = new ArrayList<>();
    private final List<Worker<?>> workers = new ArrayList<>();

    /** Creates a context that is closed after the test. */
    final Context newContext() {
        return newContext(ContextConfig.defaults());
    }

    /** Creates a context with {@code config} that is closed after the test. */
    final Context newContext(ContextConfig config) {
        Context context = Context.create(config);
        contexts.add(context);
        return context;
    }

    /** Starts a worker thread that is stopped after the test. */
    final <T> Worker<T> background(String name, Callable<T> task) {
        Worker<T> worker = Worker.start(name, task);
        workers.add(worker);
        return worker;
    }

    @AfterEach
    final void cleanUp() {
        for (Context context : contexts) {
            context.close();
        }
        for (Worker<?> worker : workers) {
            worker.stop();
        }
    }

    /** A message whose first frame is {@code tag-index}. */
    static Message numbered(String tag, int index) {
        return Message.of(tag + "-" + index);
    }

    /** A numbered message with a payload frame (shared, not copied). */
    static Message numbered(String tag, int index, byte[] payload) {
        return Message.of(Frame.of(tag + "-" + index), Frame.wrap(payload));
    }

    static String tagOf(Message message) {
        String first = message.string(0);
        return first.substring(0, first.lastIndexOf('-'));
    }

    static int indexOf(Message message) {
        String first = message.string(0);
        return Integer.parseInt(first.substring(first.lastIndexOf('-') + 1));
    }

    /**
     * Sends numbered messages until a send has found no room for {@link #QUIET}; for inproc, where
     * nothing drains the queue, this is the exact capacity.
     *
     * @return how many messages were accepted, numbered from {@code first}
     */
    static int fillUntilBlocked(PushSocket push, String tag, int first, byte[] payload, int limit) {
        int count = 0;
        while (count < limit) {
            int index = first + count;
            if (!push.send(payload == null ? numbered(tag, index) : numbered(tag, index, payload), QUIET)) {
                break;
            }
            count++;
        }
        assertTrue(count < limit, "the socket accepted " + limit + " messages without blocking");
        return count;
    }

    /** Receives {@code count} messages of {@code tag} numbered from {@code first}, in order. */
    static void expectInOrder(MessageReceiver receiver, String tag, int first, int count) {
        for (int i = first; i < first + count; i++) {
            String expected = tag + "-" + i;
            Message message = receiver.receive(TIMEOUT)
                    .orElseThrow(() -> new AssertionError("no message " + expected + " within " + TIMEOUT));
            assertEquals(tag + "-" + i, message.string(0));
        }
    }

    /** Asserts that nothing arrives within {@code wait}. */
    static void expectNothing(MessageReceiver receiver, Duration wait) {
        var unexpected = receiver.receive(wait);
        assertFalse(unexpected.isPresent(), () -> "unexpected message " + unexpected.get().string(0));
    }

    /** A tcp port on 127.0.0.1 that nothing listens on right now. */
    static int unusedTcpPort() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An endpoint that can be connected to before anything binds it. */
    static String concreteEndpoint(String transport) {
        return "tcp".equals(transport) ? "tcp://127.0.0.1:" + unusedTcpPort() : Endpoints.fresh(transport);
    }
}
