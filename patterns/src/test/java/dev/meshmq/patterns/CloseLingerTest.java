package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.ContextClosedException;
import dev.meshmq.ContextConfig;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PeerStatistics;
import dev.meshmq.Poller;
import dev.meshmq.Poller.Interest;
import dev.meshmq.Poller.ReadySocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.patterns.core.LingerTracker;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.MonitorEvents;
import dev.meshmq.testsupport.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Close keeps its promise (issue 11 item 4, issue 16): queued messages get their whole LINGER
 * whatever the order of socket and context close, the context waits for them, what is discarded is
 * counted, announced and logged, the application can ask whether everything was delivered, a negative
 * LINGER lingers until delivered, and a poll ends like every other call when the context closes.
 */
class CloseLingerTest extends MeshTestSupport {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void aSocketClosedBeforeItsContextGetsItsWholeLinger(String transport) throws Exception {
        String endpoint = concreteEndpoint(transport);
        Context pushContext = newContext();
        PushSocket push = pushContext.createPush();
        push.set(SocketOptions.LINGER, Duration.ofSeconds(3));
        push.connect(endpoint);
        assertTrue(push.trySend(Message.of("late")));
        push.close();   // before the context, as README's try-with-resources examples close them
        CompletableFuture<PullSocket> bound = bindLater(endpoint, Duration.ofMillis(1500));
        pushContext.close();
        PullSocket pull = bound.get(5, TimeUnit.SECONDS);
        Message message = pull.receive(TIMEOUT).orElseThrow(() -> new AssertionError(
                "the message queued before close was lost although LINGER was 3 s and the peer came after 1.5 s"));
        assertEquals("late", message.string(0));
        assertEquals(0, push.statistics().discardedAtClose());
        assertTrue(push.closeAndAwaitDelivery(Duration.ZERO));
    }

    @Test
    void contextCloseWaitsForTheLingerOfASocketClosedBeforeIt() {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.LINGER, Duration.ofSeconds(2));
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        push.connect("tcp://127.0.0.1:" + unusedTcpPort());
        for (int i = 0; i < 3; i++) {
            assertTrue(push.trySend(numbered("m", i)));
        }
        long start = System.nanoTime();
        push.close();
        context.close();
        Duration took = elapsed(start);
        assertTrue(took.compareTo(Duration.ofMillis(1900)) >= 0, "LINGER 2 s, but context close took " + took);
        assertTrue(took.compareTo(Duration.ofMillis(4500)) < 0, "context close took " + took);
        assertEquals(3, push.statistics().discardedAtClose());
        MonitorEvent discarded = events.awaitEvent(MonitorEventType.DISCARDED_AT_CLOSE, TIMEOUT);
        assertEquals(3, discarded.value());
        assertFalse(push.closeAndAwaitDelivery(Duration.ZERO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void messagesDiscardedAtLingerExpiryAreCountedAnnouncedAndLogged(String transport) {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(LingerTracker.LOGGER_NAME);
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(new SimpleFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            Context context = newContext();
            PushSocket push = context.createPush();
            push.set(SocketOptions.LINGER, Duration.ofMillis(300));
            MonitorEvents events = new MonitorEvents();
            push.monitor(events);
            String endpoint = concreteEndpoint(transport);
            push.connect(endpoint);
            for (int i = 0; i < 5; i++) {
                assertTrue(push.trySend(numbered("m", i)));
            }
            assertFalse(push.closeAndAwaitDelivery(TIMEOUT), "nobody took the messages, yet delivery was claimed");
            assertEquals(5, push.statistics().discardedAtClose());
            assertEquals(5, push.statistics().peers().stream().mapToLong(PeerStatistics::discardedAtClose).sum());
            MonitorEvent event = events.awaitEvent(MonitorEventType.DISCARDED_AT_CLOSE, TIMEOUT);
            assertEquals(5, event.value());
            assertEquals(endpoint, event.endpoint());
            assertTrue(warnings.stream().anyMatch(line -> line.contains("discarded 5 message(s)")),
                    warnings.toString());
        } finally {
            log.removeHandler(handler);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void closeAndAwaitDeliveryIsTrueOnceEverythingReachedThePeer(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind(Endpoints.fresh(transport));
        Context pushContext = "inproc".equals(transport) ? context : newContext();   // inproc: one context
        PushSocket push = pushContext.createPush();
        push.connect(endpoint);
        for (int i = 0; i < 1000; i++) {
            push.send(numbered("m", i));
        }
        assertTrue(push.closeAndAwaitDelivery(TIMEOUT));
        assertEquals(0, push.statistics().discardedAtClose());
        expectInOrder(pull, "m", 0, 1000);
        expectNothing(pull, SHORT);
    }

    @Test
    void closeAndAwaitDeliveryGivesUpAtItsTimeoutWhileTheLingerGoesOn() throws Exception {
        String endpoint = concreteEndpoint("tcp");
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.LINGER, Duration.ofSeconds(5));
        push.connect(endpoint);
        assertTrue(push.trySend(Message.of("later")));
        long start = System.nanoTime();
        assertFalse(push.closeAndAwaitDelivery(Duration.ofMillis(200)), "nobody took it yet");
        Duration took = elapsed(start);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "a 200 ms wait took " + took);
        assertEquals(0, push.statistics().discardedAtClose(), "still lingering, not discarded");
        PullSocket pull = bindLater(endpoint, Duration.ofMillis(100)).get(5, TimeUnit.SECONDS);
        assertEquals("later", pull.receive(TIMEOUT).orElseThrow().string(0));
        assertTrue(push.closeAndAwaitDelivery(TIMEOUT), "asked again, once it went out");
    }

    @Test
    void unbindingDiscardsWhatAStalledPeerDidNotTakeWithinLingerAndCountsEveryMessage() {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.LINGER, Duration.ofMillis(300));
        String endpoint = push.bind(Endpoints.fresh("tcp"));
        PullSocket pull = context.createPull();
        pull.set(SocketOptions.RECEIVE_HWM, 1);
        pull.connect(endpoint);
        byte[] payload = new byte[1024 * 1024];
        int count = 30;   // far more than the kernel buffers hold while the receiver reads nothing
        for (int i = 0; i < count; i++) {
            assertTrue(push.send(numbered("big", i, payload), TIMEOUT));
        }
        push.unbind(endpoint);
        await().atMost(TIMEOUT).until(() -> push.statistics().discardedAtClose() > 0);
        long discarded = push.statistics().discardedAtClose();
        int received = 0;
        while (received + discarded < count) {
            int receivedSoFar = received;
            Message message = pull.receive(TIMEOUT).orElseThrow(() -> new AssertionError("messages lost silently: "
                    + discarded + " discarded and counted, " + receivedSoFar + " received, of " + count));
            assertEquals(received, indexOf(message));
            received++;
        }
        expectNothing(pull, SHORT);
        assertFalse(push.closeAndAwaitDelivery(TIMEOUT), "some were discarded");
        assertEquals(discarded, push.statistics().discardedAtClose(), "unbind's discards are counted once");
    }

    @Test
    void aNegativeLingerIsAcceptedAndLingersUntilDelivered() throws Exception {
        String endpoint = concreteEndpoint("tcp");
        Context pushContext = newContext();
        PushSocket push = pushContext.createPush();
        push.set(SocketOptions.LINGER, Duration.ofMillis(-1));
        assertEquals(Duration.ofMillis(-1), push.get(SocketOptions.LINGER));
        push.connect(endpoint);
        assertTrue(push.trySend(Message.of("patient")));
        push.close();
        // later than the default LINGER (2 s) and the old close margin (1 s)
        CompletableFuture<PullSocket> bound = bindLater(endpoint, Duration.ofMillis(2500));
        pushContext.close();
        PullSocket pull = bound.get(5, TimeUnit.SECONDS);
        assertEquals("patient", pull.receive(TIMEOUT).orElseThrow().string(0));
        assertTrue(push.closeAndAwaitDelivery(Duration.ZERO));
    }

    @Test
    void theContextsCloseTimeoutBoundsAnUnlimitedLingerAndCountsWhatIsLeft() {
        Context context = newContext(ContextConfig.defaults().withCloseTimeout(Duration.ofMillis(300)));
        PushSocket push = context.createPush();
        push.set(SocketOptions.LINGER, Duration.ofMillis(-1));
        push.connect("tcp://127.0.0.1:" + unusedTcpPort());
        assertTrue(push.trySend(numbered("m", 0)));
        assertTrue(push.trySend(numbered("m", 1)));
        long start = System.nanoTime();
        context.close();
        Duration took = elapsed(start);
        assertTrue(took.compareTo(Duration.ofMillis(2000)) < 0, "close timeout 300 ms, but close took " + took);
        assertEquals(2, push.statistics().discardedAtClose());
        assertEquals(2, push.statistics().peers().stream().mapToLong(PeerStatistics::discardedAtClose).sum());
        assertThrows(IllegalArgumentException.class,
                () -> ContextConfig.defaults().withCloseTimeout(Duration.ofMillis(-1)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aPollEndsWithContextClosedExceptionWhenTheContextClosesDuringIt(boolean withSocket) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.bind(Endpoints.fresh("inproc"));
        Worker<List<ReadySocket>> polling = background("poller", () -> {
            try (Poller poller = context.createPoller()) {
                if (withSocket) {
                    poller.register(pull, Interest.RECEIVE);
                }
                return poller.poll(Duration.ofSeconds(30));
            }
        });
        polling.awaitBlocked();
        context.close();
        assertInstanceOf(ContextClosedException.class, polling.failure(Duration.ofSeconds(3)));
    }

    @Test
    void aPollAfterTheContextClosedThrowsContextClosedException() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.bind(Endpoints.fresh("inproc"));
        Poller poller = context.createPoller();
        poller.register(pull, Interest.RECEIVE);
        context.close();
        assertThrows(ContextClosedException.class, () -> poller.poll(Duration.ZERO));
        assertThrows(ContextClosedException.class, () -> poller.poll(Duration.ofSeconds(5)));
        poller.close();
    }

    /** Binds a PULL socket (of a context of its own) at {@code endpoint} after {@code delay}. */
    private CompletableFuture<PullSocket> bindLater(String endpoint, Duration delay) {
        Context pullContext = newContext();
        CompletableFuture<PullSocket> bound = new CompletableFuture<>();
        scheduler.schedule(() -> {
            try {
                PullSocket pull = pullContext.createPull();
                pull.bind(endpoint);
                bound.complete(pull);
            } catch (RuntimeException e) {
                bound.completeExceptionally(e);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return bound;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
