package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.MeshInterruptedException;
import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.Poller;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.SocketClosedException;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.MonitorEvents;
import dev.meshmq.testsupport.RawZmtpPeer;
import dev.meshmq.testsupport.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A thread that waits in a receive on a socket with one tcp or ipc connection reads that connection itself
 * instead of being woken by the I/O thread. Everything a connection does while nobody but the application thread
 * watches it must still happen: messages of every size arrive intact and in order, the peer's end and a protocol
 * error are seen at once (and also when nobody receives any more), PINGs are answered, a second peer and a close
 * or an interrupt end the wait, the high-water mark pauses and resumes the connection, and nothing leaks.
 */
class DirectReceiveTest extends MeshTestSupport {

    private static final int[] SIZES = {0, 1, 100, 8 * 1024, 40 * 1024, 200 * 1024, 3};

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void roundTripsOfEverySizeArriveIntact(String transport) {
        Context context = newContext();
        RepSocket rep = context.createRep();
        ReqSocket req = context.createReq();
        req.connect(rep.bind(Endpoints.fresh(transport)));
        int rounds = 1400;
        Worker<Integer> echo = background("echo", () -> {
            for (int i = 0; i < rounds; i++) {
                Message request = rep.receive(TIMEOUT).orElseThrow();
                assertTrue(rep.send(request, TIMEOUT));
            }
            return rounds;
        });
        for (int i = 0; i < rounds; i++) {
            byte[] body = payload(i, SIZES[i % SIZES.length]);
            assertTrue(req.send(Message.of(body), TIMEOUT));
            Message reply = req.receive(TIMEOUT).orElseThrow(() -> new AssertionError("no reply"));
            assertArrayEquals(body, reply.frame(0).toByteArray(), "round " + i);
        }
        assertEquals(rounds, echo.value(TIMEOUT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void thePeersEndIsSeenWhileTheReceiverWatchesItsConnectionAndANewPeerIsHeard(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        MonitorEvents events = new MonitorEvents();
        pull.monitor(events);
        String endpoint = pull.bind(Endpoints.fresh(transport));
        PushSocket first = connectedPush(context, endpoint, pull);
        Worker<Optional<Message>> blocked = background("blocked", () -> pull.receive(Duration.ofSeconds(30)));
        awaitWatching(blocked);
        first.set(SocketOptions.LINGER, Duration.ZERO);
        first.close();
        events.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
        assertFalse(blocked.isDone(), "the receive goes on waiting");
        PushSocket second = context.createPush();
        second.connect(endpoint);
        assertTrue(second.send(Message.of("second"), TIMEOUT));
        assertEquals("second", blocked.value(TIMEOUT).orElseThrow().string(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void thePeersEndIsSeenWhenNobodyReceivesAnyMore(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        MonitorEvents events = new MonitorEvents();
        pull.monitor(events);
        String endpoint = pull.bind(Endpoints.fresh(transport));
        PushSocket push = connectedPush(context, endpoint, pull);
        for (int i = 0; i < 50; i++) { // many waits: the application thread holds the watch
            Worker<Optional<Message>> receiver = background("receiver-" + i, () -> pull.receive(TIMEOUT));
            assertTrue(push.send(numbered("m", i), TIMEOUT));
            assertEquals(i, indexOf(receiver.value(TIMEOUT).orElseThrow()));
        }
        // nobody receives from now on: the I/O thread must take the watch back and see the end
        assertTrue(push.send(numbered("m", 50), TIMEOUT));
        push.set(SocketOptions.LINGER, Duration.ofSeconds(5));
        push.close();
        events.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
        assertEquals(50, indexOf(pull.receive(TIMEOUT).orElseThrow()), "what came before the end is kept");
    }

    @Test
    void theIoThreadTakesTheConnectionBackWhateverTheOrderOfWaitsAndPauses() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = connectedPush(context, pull.bind(Endpoints.fresh("tcp")), pull);
        Random random = new Random(42);
        try (Poller poller = context.createPoller()) {
            poller.register(pull, Poller.Interest.RECEIVE);
            for (int i = 0; i < 150; i++) {
                // a wait of 0-3 ms holds the watch; the I/O thread's 4 ms check may run at any point around it
                assertTrue(pull.receive(Duration.ofNanos(random.nextInt(3_000_000))).isEmpty());
                assertTrue(push.send(numbered("p", i), TIMEOUT));
                if (i % 2 == 0) { // a poller reads nothing itself: the I/O thread must have taken the watch back
                    assertFalse(poller.poll(TIMEOUT).isEmpty(), "message " + i + " never reached the socket");
                }
                assertEquals(i, indexOf(pull.receive(TIMEOUT).orElseThrow()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void aSecondPeerWakesAReceiverWatchingTheFirst(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind(Endpoints.fresh(transport));
        connectedPush(context, endpoint, pull);
        Worker<Optional<Message>> blocked = background("blocked", () -> pull.receive(Duration.ofSeconds(30)));
        awaitWatching(blocked);
        PushSocket second = context.createPush();
        second.connect(endpoint);
        assertTrue(second.send(Message.of("from the second"), TIMEOUT));
        assertEquals("from the second", blocked.value(TIMEOUT).orElseThrow().string(0));
    }

    @Test
    void anInterruptEndsTheWaitAndTheConnectionStays() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        MonitorEvents events = new MonitorEvents();
        pull.monitor(events);
        PushSocket push = connectedPush(context, pull.bind(Endpoints.fresh("tcp")), pull);
        Worker<Optional<Message>> blocked = background("blocked", () -> pull.receive(Duration.ofSeconds(30)));
        awaitWatching(blocked);
        blocked.thread().interrupt();
        assertInstanceOf(MeshInterruptedException.class, blocked.failure(TIMEOUT));
        assertTrue(blocked.wasInterruptedAtEnd(), "the interrupt flag must stay set");
        assertTrue(push.send(Message.of("after"), TIMEOUT));
        assertEquals("after", pull.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals(0, events.count(MonitorEventType.DISCONNECTED), "the interrupt must not end the connection");
    }

    @Test
    void aCloseFromAnotherThreadEndsTheWait() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        connectedPush(context, pull.bind(Endpoints.fresh("tcp")), pull);
        Worker<Optional<Message>> blocked = background("blocked", () -> pull.receive(Duration.ofSeconds(30)));
        awaitWatching(blocked);
        pull.close();
        assertInstanceOf(SocketClosedException.class, blocked.failure(TIMEOUT));
    }

    @Test
    void aTimeoutIsKept() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        connectedPush(context, pull.bind(Endpoints.fresh("tcp")), pull);
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertTrue(pull.receive(Duration.ofMillis(150)).isEmpty());
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(Duration.ofMillis(150)) >= 0, "returned after " + waited);
            assertTrue(waited.compareTo(Duration.ofSeconds(3)) < 0, "returned only after " + waited);
        }
    }

    @Test
    void aProtocolErrorWhileTheReceiverWatchesClosesThatConnectionOnly() throws IOException {
        Context context = newContext();
        PullSocket pull = context.createPull();
        MonitorEvents events = new MonitorEvents();
        pull.monitor(events);
        String endpoint = pull.bind(Endpoints.fresh("tcp"));
        try (RawZmtpPeer peer = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
            peer.send(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), RawZmtpPeer.ready("PUSH")), TIMEOUT);
            peer.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
            peer.receiveFrame(TIMEOUT);
            peer.send(RawZmtpPeer.message("raw"), TIMEOUT);
            assertEquals("raw", pull.receive(TIMEOUT).orElseThrow().string(0));
            Worker<Optional<Message>> blocked = background("blocked", () -> pull.receive(Duration.ofSeconds(30)));
            awaitWatching(blocked);
            // a message, then a command frame with MORE set (a protocol error): the message arrives, then the end
            byte[] bad = {RawZmtpPeer.FLAG_COMMAND | RawZmtpPeer.FLAG_MORE, 1, 0};
            peer.send(RawZmtpPeer.concat(RawZmtpPeer.message("last"), bad), TIMEOUT);
            assertEquals("last", blocked.value(TIMEOUT).orElseThrow().string(0));
            assertTrue(peer.awaitClosedByServer(TIMEOUT), "the connection must be closed");
            events.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
        }
        PushSocket push = context.createPush();
        push.connect(endpoint);
        assertTrue(push.send(Message.of("still serving"), TIMEOUT));
        assertEquals("still serving", pull.receive(TIMEOUT).orElseThrow().string(0));
    }

    @Test
    void thePeersPingsAreAnsweredWhileTheApplicationThreadReads() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        push.set(SocketOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(20));
        push.set(SocketOptions.HEARTBEAT_TIMEOUT, Duration.ofMillis(250));
        MonitorEvents pushEvents = new MonitorEvents();
        push.monitor(pushEvents);
        push.connect(pull.bind(Endpoints.fresh("tcp")));
        assertTrue(push.send(numbered("m", 0), TIMEOUT));
        assertEquals(0, indexOf(pull.receive(TIMEOUT).orElseThrow()));
        long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        int next = 1;
        while (System.nanoTime() - end < 0) { // mostly waiting, so mostly the application thread reads
            assertTrue(pull.receive(Duration.ofMillis(40)).isEmpty());
            if (next % 5 == 0) {
                assertTrue(push.send(numbered("m", next), TIMEOUT));
                assertEquals(next, indexOf(pull.receive(TIMEOUT).orElseThrow()));
            }
            next++;
        }
        assertEquals(0, pushEvents.count(MonitorEventType.DISCONNECTED),
                "the PINGs must be answered: " + pushEvents.types());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void aSmallHighWaterMarkPausesAndResumesWithoutLoss(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        pull.set(SocketOptions.RECEIVE_HWM, 3);
        push.set(SocketOptions.SEND_HWM, 3);
        push.connect(pull.bind(Endpoints.fresh(transport)));
        int count = 30_000;
        Worker<Boolean> sender = background("sender", () -> {
            for (int i = 0; i < count; i++) {
                assertTrue(push.send(numbered("h", i, new byte[i % 7 == 0 ? 5000 : 3]), TIMEOUT));
            }
            return true;
        });
        for (int i = 0; i < count; i++) {
            Message message = pull.receive(TIMEOUT).orElseThrow(() -> new AssertionError("stalled"));
            assertEquals(i, indexOf(message));
        }
        assertTrue(sender.value(TIMEOUT));
    }

    @Test
    void connectionsThatCameAndWentLeaveNoDescriptorBehind() throws IOException {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String endpoint = pull.bind(Endpoints.fresh("tcp"));
        connectedPush(context, endpoint, pull).close(); // the selector and its descriptors exist from here
        long before = openDescriptors();
        for (int i = 0; i < 60; i++) {
            PushSocket push = connectedPush(context, endpoint, pull);
            push.close();
            assertTrue(pull.receive(Duration.ofMillis(5)).isEmpty());
        }
        awaitDescriptorsAtMost(before + 6);
    }

    /** Waits until {@code worker}'s receive waits in its socket's selector, watching its connection itself. */
    private static void awaitWatching(Worker<?> worker) {
        org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> Arrays.stream(worker.thread().getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals("dev.meshmq.transport.ReceiveSelector")
                        && frame.getMethodName().equals("await")));
    }

    /** A PUSH connected to {@code pull}, with one message received through it. */
    private PushSocket connectedPush(Context context, String endpoint, PullSocket pull) {
        PushSocket push = context.createPush();
        push.connect(endpoint);
        assertTrue(push.send(Message.of("hello"), TIMEOUT));
        assertEquals("hello", pull.receive(TIMEOUT).orElseThrow().string(0));
        return push;
    }

    private static byte[] payload(int round, int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) round);
        byte[] tag = Integer.toString(round).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, body, 0, Math.min(tag.length, size));
        return body;
    }

    private static long openDescriptors() throws IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return files.count();
        }
    }

    private static void awaitDescriptorsAtMost(long limit) {
        org.awaitility.Awaitility.await().atMost(TIMEOUT).until(() -> openDescriptors() <= limit);
    }
}
