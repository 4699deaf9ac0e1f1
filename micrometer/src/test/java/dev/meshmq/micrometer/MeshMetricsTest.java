package dev.meshmq.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import dev.meshmq.AuthenticationResult;
import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PubSocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MeshMetrics over real sockets, read through a SimpleMeterRegistry as a scrape would.
 *
 * <p>Thread-safety: JUnit runs each test on one thread.
 */
class MeshMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Context context;
    private MeterRegistry registry;

    @BeforeEach
    void open() {
        context = Context.create();
        registry = new SimpleMeterRegistry();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    @Test
    void countsAuthenticationFailures() {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            pull.set(SocketOptions.PLAIN_SERVER, true);
            pull.set(SocketOptions.AUTHENTICATOR, request -> AuthenticationResult.deny("not on the list"));
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            MeshMetrics.bind(pull, registry, Tags.empty());
            assertEquals(0.0, counter("meshmq.authentication.failures", "socket.type", "PULL"));
            push.set(SocketOptions.PLAIN_USERNAME, "mallory");
            push.set(SocketOptions.PLAIN_PASSWORD, "guess");
            push.connect(endpoint);
            await().atMost(WAIT).until(() -> counter("meshmq.authentication.failures", "socket.type", "PULL") >= 1);
        }
    }

    @Test
    void countsMessagesAndBytesEachWayWithTypeAndEndpointTags() {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            push.connect(endpoint);
            MeshMetrics.bind(pull, registry, Tags.of("app", "test"));
            MeshMetrics.bind(push, registry, Tags.of("endpoint", endpoint));
            for (int i = 0; i < 25; i++) {
                push.send(new byte[100]);
            }
            for (int i = 0; i < 25; i++) {
                pull.receive();
            }
            assertEquals(25, counter("meshmq.messages", "socket.type", "PUSH", "direction", "sent"));
            assertEquals(2500, counter("meshmq.bytes", "socket.type", "PUSH", "direction", "sent"));
            assertEquals(25, counter("meshmq.messages", "socket.type", "PULL", "endpoint", endpoint, "app", "test",
                    "direction", "received"));
            assertEquals(2500, counter("meshmq.bytes", "socket.type", "PULL", "direction", "received"));
            assertEquals(0.0, counter("meshmq.messages", "socket.type", "PULL", "direction", "sent"));
            assertEquals(1, gauge("meshmq.peers", "socket.type", "PULL"));
        }
    }

    @Test
    void queueDepthAndFillFollowTheQueueAgainstTheHighWaterMark() throws Exception {
        Path dir = Files.createTempDirectory("meshmq-metrics");
        PushSocket push = context.createPush();
        push.set(SocketOptions.SEND_HWM, 8);
        push.set(SocketOptions.LINGER, Duration.ZERO);
        push.connect("ipc://" + dir.resolve("nobody"));
        MeshMetricsBinding binding = MeshMetrics.bind(push, registry);
        for (int i = 0; i < 6; i++) {
            assertTrue(push.trySend(Message.of("queued")));
        }
        assertEquals(6, gauge("meshmq.queue.depth", "direction", "out"));
        assertEquals(0.75, gauge("meshmq.queue.fill", "direction", "out"));
        assertTrue(push.trySend(Message.of("7")));
        assertTrue(push.trySend(Message.of("8")));
        assertFalse(push.trySend(Message.of("9")));
        assertEquals(1.0, gauge("meshmq.queue.fill", "direction", "out"));
        push.close();
        await().atMost(WAIT).until(() -> counter("meshmq.messages.discarded.at.close") == 8);
        binding.close();
        assertTrue(registry.getMeters().isEmpty());
    }

    @Test
    void countsUnroutableDropsAndBytesSurviveTheirConnection() {
        try (RouterSocket router = context.createRouter(); PullSocket pull = context.createPull()) {
            MeshMetrics.bind(router, registry);
            router.send(Message.of("nobody", "lost"));
            router.send(Message.of("nobody", "lost"));
            assertEquals(2, counter("meshmq.messages.dropped", "reason", "unroutable"));
            assertEquals(0.0, counter("meshmq.messages.dropped", "reason", "hwm"));

            String endpoint = pull.bind("tcp://127.0.0.1:*");
            PushSocket push = context.createPush();
            push.connect(endpoint);
            MeshMetrics.bind(push, registry);
            push.send(new byte[10]);
            pull.receive();
            assertEquals(10, counter("meshmq.bytes", "socket.type", "PUSH", "direction", "sent"));
            pull.unbind(endpoint);
            push.disconnect(endpoint);
            await().atMost(WAIT).until(() -> push.statistics().peers().isEmpty());
            assertEquals(10, counter("meshmq.bytes", "socket.type", "PUSH", "direction", "sent"));
            push.close();
        }
    }

    @Test
    void countsMessagesLostWithAnAcceptedPeer() {
        Context peers = Context.create();
        try (PushSocket push = context.createPush()) {
            push.set(SocketOptions.SEND_HWM, 5);
            push.set(SocketOptions.LINGER, Duration.ZERO);
            String endpoint = push.bind("tcp://127.0.0.1:*");
            MeshMetrics.bind(push, registry);
            PullSocket slow = peers.createPull();
            slow.set(SocketOptions.RECEIVE_HWM, 1);
            slow.connect(endpoint);
            // big messages the peer never reads: the kernel's buffers fill, the rest waits in the link
            while (push.send(Message.of(new byte[256 * 1024]), Duration.ofMillis(300))) {
                assertTrue(push.statistics().messagesSent() < 10_000, "the queue never filled");
            }
            assertEquals(0.0, counter("meshmq.messages.discarded.at.disconnect"));
            slow.close();
            // the count is taken when the socket next handles its link events: a send attempt does that
            await().atMost(WAIT).until(() -> {
                push.send(Message.of("poke"), Duration.ofMillis(10));
                return counter("meshmq.messages.discarded.at.disconnect") > 0;
            });
            assertEquals(push.statistics().discardedAtDisconnect(), counter("meshmq.messages.discarded.at.disconnect"));
        } finally {
            peers.close();
        }
    }

    @Test
    void countsReconnectsOnceEachWhateverWhenTheRegistryReads() throws Exception {
        String endpoint = "ipc://" + Files.createTempDirectory("meshmq-metrics").resolve("peer");
        Queue<MonitorEvent> events = new ConcurrentLinkedQueue<>();
        try (PushSocket push = context.createPush()) {
            push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(20));
            push.monitor(events::add);
            push.connect(endpoint);
            MeshMetrics.bind(push, registry);
            for (int round = 1; round <= 3; round++) {
                PullSocket pull = context.createPull();
                pull.bind(endpoint);
                int handshakes = round;
                await().atMost(WAIT).until(() -> count(events, MonitorEventType.HANDSHAKE_SUCCEEDED) == handshakes);
                assertEquals(round - 1, counter("meshmq.reconnects"));
                push.send("round");
                assertTrue(pull.receive(WAIT).isPresent());
                pull.close();
                await().atMost(WAIT).until(() -> count(events, MonitorEventType.DISCONNECTED) == handshakes);
                assertEquals(round - 1, counter("meshmq.reconnects"));
            }
            assertEquals(2, push.statistics().peers().get(0).reconnects());
        }
    }

    private static long count(Queue<MonitorEvent> events, MonitorEventType type) {
        return events.stream().filter(event -> event.type() == type).count();
    }

    @Test
    void publisherCountsPublishedSentAndDropped() {
        try (PubSocket pub = context.createPub(); SubSocket sub = context.createSub()) {
            sub.subscribe("");
            sub.connect(pub.bind("inproc://metrics-pub"));
            MeshMetrics.bind(pub, registry);
            await().atMost(WAIT).until(() -> {
                pub.send("probe");
                return sub.tryReceive().isPresent();
            });
            double published = counter("meshmq.publisher.messages", "outcome", "published");
            pub.send("one");
            assertEquals(published + 1, counter("meshmq.publisher.messages", "outcome", "published"));
            assertEquals(published + 1, counter("meshmq.publisher.messages", "outcome", "sent")
                    + counter("meshmq.publisher.messages", "outcome", "dropped"));
        }
    }
}
