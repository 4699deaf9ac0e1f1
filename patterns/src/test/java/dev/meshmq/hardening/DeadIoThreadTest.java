package dev.meshmq.hardening;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.ContextClosedException;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import java.lang.reflect.Field;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 1: if an I/O thread is lost anyway, every blocked and later call on the affected
 * sockets fails with an exception that names the cause, never a silent hang. Before this change the
 * thread's death closed its channels and the application's blocked calls waited forever.
 *
 * <p>An I/O thread catches whatever its connections throw, so the test breaks the one thing outside
 * those guards, the thread's selector, through reflection.
 */
class DeadIoThreadTest {

    @Test
    void blockedAndLaterCallsEndWithTheCause() throws Exception {
        Context context = Context.create();
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            push.connect(endpoint);
            push.send("before");
            assertTrue(pull.receive(Duration.ofSeconds(5)).isPresent());
            CompletableFuture<RuntimeException> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    pull.receive();
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            for (Selector selector : selectorsOf(context)) {
                selector.close();
            }
            RuntimeException ended = blocked.get(10, TimeUnit.SECONDS);
            assertInstanceOf(ContextClosedException.class, ended);
            assertTrue(ended.getMessage().contains("died"), ended.getMessage());
            assertInstanceOf(ClosedSelectorException.class, ended.getCause());
            // the context closes itself on a thread of its own: a call from now on fails once it got there
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                ContextClosedException later = assertThrows(ContextClosedException.class, () -> push.send("after"));
                assertTrue(later.getMessage().contains("died"), later.getMessage());
            });
            assertThrows(ContextClosedException.class, context::createPull);
        } finally {
            context.close();
        }
    }

    private static Selector[] selectorsOf(Context context) throws ReflectiveOperationException {
        Object transport = field(context, "transport");
        Object[] threads = (Object[]) field(transport, "ioThreads");
        Selector[] selectors = new Selector[threads.length];
        for (int i = 0; i < threads.length; i++) {
            selectors[i] = (Selector) field(threads[i], "selector");
        }
        return selectors;
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }
}
