package dev.meshmq.patterns.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PubSocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JFR events of the monitor package, read back through a {@link RecordingStream} of this JVM, with no
 * monitor attached to the sockets: a recording alone makes the events.
 *
 * <p>Thread-safety: JUnit runs each test on one thread; the stream's thread only adds to a concurrent
 * queue.
 */
class JfrEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final Queue<RecordedEvent> events = new ConcurrentLinkedQueue<>();
    private RecordingStream stream;
    private Context context;

    @BeforeEach
    void start() {
        stream = new RecordingStream();
        for (String name : List.of("dev.meshmq.Connect", "dev.meshmq.Disconnect", "dev.meshmq.HandshakeFailure",
                "dev.meshmq.DropBurst")) {
            stream.enable(name);
            stream.onEvent(name, events::add);
        }
        stream.startAsync();
        context = Context.create();
    }

    @AfterEach
    void stop() {
        context.close();
        stream.close();
    }

    private List<RecordedEvent> named(String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    private long droppedIn(String socketType) {
        return named("dev.meshmq.DropBurst").stream().filter(e -> e.getString("socketType").equals(socketType))
                .mapToLong(e -> e.getLong("dropped")).sum();
    }

    @Test
    void connectAndDisconnectOfBothSides() {
        try (PullSocket pull = context.createPull()) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            PushSocket push = context.createPush();
            push.connect(endpoint);
            push.send("hello");
            assertEquals("hello", pull.receiveString());
            push.close();
            await().atMost(WAIT).until(() -> named("dev.meshmq.Disconnect").stream()
                    .anyMatch(e -> e.getString("socketType").equals("PULL")));
            await().atMost(WAIT).until(() -> named("dev.meshmq.Connect").size() >= 2);
            List<String> kinds = named("dev.meshmq.Connect").stream()
                    .map(e -> e.getString("socketType") + " " + e.getString("kind") + " " + e.getString("endpoint"))
                    .collect(Collectors.toList());
            assertTrue(kinds.contains("PUSH CONNECTED " + endpoint), kinds.toString());
            assertTrue(kinds.contains("PULL ACCEPTED " + endpoint), kinds.toString());
        }
    }

    @Test
    void handshakeFailureOfAPeerThatIsNotZmtp() throws IOException {
        try (PullSocket pull = context.createPull();
             java.net.Socket http = new java.net.Socket()) {
            URI endpoint = URI.create(pull.bind("tcp://127.0.0.1:*"));
            http.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
            OutputStream out = http.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: meshmq\r\n\r\n".repeat(4).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(WAIT).until(() -> !named("dev.meshmq.HandshakeFailure").isEmpty());
            RecordedEvent failure = named("dev.meshmq.HandshakeFailure").get(0);
            assertEquals("PULL", failure.getString("socketType"));
            assertTrue(failure.getString("kind").startsWith("HANDSHAKE_FAILED"), failure.toString());
        }
    }

    @Test
    void routerDropsComeInAtMostOneEventPerWindowAndAddUp() {
        try (RouterSocket router = context.createRouter()) {
            long start = System.nanoTime();
            for (int i = 0; i < 5_000; i++) {
                router.send(Message.of("nobody", "lost"));
            }
            // The drops of the last window are reported with the next drop after it: keep dropping until
            // every one of the first 5,000 has been reported.
            long[] sent = {5_000};
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                router.send(Message.of("nobody", "lost"));
                sent[0]++;
                return droppedIn("ROUTER") >= 5_000;
            });
            assertTrue(droppedIn("ROUTER") <= sent[0]);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            List<RecordedEvent> bursts = named("dev.meshmq.DropBurst");
            assertTrue(bursts.size() <= elapsedMillis / DropBursts.WINDOW_MILLIS + 1,
                    bursts.size() + " events in " + elapsedMillis + " ms");
            assertTrue(bursts.stream().allMatch(e -> e.getString("reason").equals("unroutable")));
            assertEquals(sent[0], router.statistics().droppedUnroutable());
        }
    }

    @Test
    void publisherDropsOfASlowSubscriberAreAllReportedWhenItCatchesUp() {
        try (PubSocket pub = context.createPub(); SubSocket sub = context.createSub()) {
            pub.set(SocketOptions.SEND_HWM, 4);
            sub.set(SocketOptions.RECEIVE_HWM, 4);
            sub.subscribe("");
            sub.connect(pub.bind("inproc://jfr-pub"));
            await().atMost(WAIT).until(() -> {
                pub.send("probe");
                return sub.tryReceive().isPresent();
            });
            for (int i = 0; i < 1_000; i++) {
                pub.send("flood");
            }
            long dropped = pub.publisherStatistics().messagesDropped();
            assertTrue(dropped > 0);
            while (sub.tryReceive().isPresent()) {
                continue;
            }
            pub.send("caught up");
            await().atMost(WAIT).until(() -> droppedIn("PUB") == dropped);
            assertFalse(named("dev.meshmq.DropBurst").get(0).getString("endpoint").isEmpty());
        }
    }

    @Test
    void withoutARecordingNoMonitorEventIsBuilt() {
        stream.close();
        MonitorSlot slot = new MonitorSlot("PUSH");
        assertFalse(slot.isActive());
    }
}
