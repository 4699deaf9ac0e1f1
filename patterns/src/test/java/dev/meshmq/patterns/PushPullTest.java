package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.testsupport.Endpoints;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushPullTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private Context context;

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void deliversMessagesInOrderWhenPullBinds(String transport) {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            String endpoint = pull.bind(Endpoints.fresh(transport));
            push.connect(endpoint);
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 5000; i++) {
                    push.send(Message.of("m" + i, "second part"));
                }
            });
            sender.start();
            for (int i = 0; i < 5000; i++) {
                Message message = pull.receive(TIMEOUT).orElseThrow();
                assertEquals("m" + i, message.string(0));
                assertEquals("second part", message.string(1));
            }
            assertFalse(pull.tryReceive().isPresent());
            join(sender);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertFalse(thread.isAlive(), "sender still running");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void deliversWhenPushBindsAndConnectComesFirst(String transport) {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            String endpoint = push.bind(Endpoints.fresh(transport));
            pull.connect(endpoint);
            assertTrue(push.send(Message.of("hello"), TIMEOUT));
            assertEquals("hello", pull.receive(TIMEOUT).orElseThrow().string(0));
        }
    }
}
