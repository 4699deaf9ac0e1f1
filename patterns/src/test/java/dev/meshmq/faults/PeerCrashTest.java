package dev.meshmq.faults;

import static dev.meshmq.MonitorEventType.DISCONNECTED;
import static dev.meshmq.MonitorEventType.HANDSHAKE_SUCCEEDED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Socket;
import dev.meshmq.SocketType;
import dev.meshmq.testsupport.MonitorEvents;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a child JVM that holds one end of each pattern pair (PUSH/PULL, REQ/REP,
 * DEALER/ROUTER, PUB/SUB, CLIENT/SERVER, PAIR) while messages flow, once with the senders in the child
 * and once with the receivers. The survivors here notice (DISCONNECTED), keep working when a new peer
 * comes, and their monitors and statistics tell the story. One child holds all six so one kill covers them.
 */
class PeerCrashTest extends FaultTestSupport {

    private static final SocketType[] SENDERS = {SocketType.PUSH, SocketType.REQ, SocketType.DEALER,
        SocketType.PUB, SocketType.CLIENT, SocketType.PAIR};

    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    /** One pattern pair: the socket in this JVM, what it saw, and the peer that replaces the dead one. */
    private static final class Survivor {
        final Socket socket;
        final MonitorEvents events = new MonitorEvents();
        final List<String> received = new CopyOnWriteArrayList<>();
        String endpoint;

        Survivor(Socket socket) {
            this.socket = socket;
            socket.monitor(events);
        }
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(5000);
        }
    }

    @Test
    void receiversSurviveTheirSendersDeathAndServeTheNextSender() throws Exception {
        Context context = newContext();
        List<Survivor> survivors = new ArrayList<>();
        try (ChildPeer child = ChildPeer.start()) {
            for (SocketType senderType : SENDERS) {
                Survivor survivor = new Survivor(PeerSockets.create(context, PeerSockets.partner(senderType)));
                survivor.endpoint = survivor.socket.bind("tcp://127.0.0.1:*");
                survivors.add(survivor);
                String name = senderType.name().toLowerCase(Locale.ROOT);
                child.open(name, senderType.name(), "connect", survivor.endpoint, false);
                child.command("stream " + name + " v");
                loop(survivor.socket.type() + "-serve", () -> PeerSockets.serveOne(survivor.socket,
                        survivor.received::add));
            }
            awaitEach(survivors, survivor -> assertTrue(survivor.received.size() >= 10, survivor.socket + " got "
                    + survivor.received.size()));
            child.kill();
        }
        awaitEach(survivors, survivor -> assertEquals(1, survivor.events.count(DISCONNECTED)));
        awaitEach(survivors, survivor -> assertEquals(0, survivor.socket.statistics().peers().size()));
        Context fresh = newContext();
        for (Survivor survivor : survivors) {
            Socket next = PeerSockets.create(fresh, PeerSockets.partner(survivor.socket.type()));
            next.connect(survivor.endpoint);
            long[] index = {0};
            loop(next.type() + "-next", () -> PeerSockets.sendOne(next, "n-" + index[0]++));
        }
        awaitEach(survivors, survivor -> assertTrue(survivor.received.stream().anyMatch(tag -> tag.startsWith("n-")),
                survivor.socket + " got nothing from the new peer"));
        assertAll(survivors.stream().map(survivor -> () -> {
            List<String> seen = List.copyOf(survivor.received);
            assertInOrderWithoutDuplicates(seen, "v", "n");
            assertTrue(survivor.events.inOrder(HANDSHAKE_SUCCEEDED, DISCONNECTED, HANDSHAKE_SUCCEEDED),
                    survivor.socket + ": " + survivor.events.types());
            assertEquals(1, survivor.socket.statistics().peers().size());
        }));
    }

    @Test
    void sendersSurviveTheirReceiversDeathAndDeliverToTheNextReceiver() throws Exception {
        Context context = newContext();
        List<Survivor> survivors = new ArrayList<>();
        try (ChildPeer child = ChildPeer.start()) {
            for (SocketType senderType : SENDERS) {
                String name = senderType.name().toLowerCase(Locale.ROOT);
                Survivor survivor = new Survivor(PeerSockets.create(context, senderType));
                survivor.endpoint = child.open(name, PeerSockets.partner(senderType).name(), "bind",
                        "tcp://127.0.0.1:*", false);
                child.command("serve " + name);
                survivor.socket.connect(survivor.endpoint);
                survivors.add(survivor);
                long[] index = {0};
                loop(senderType + "-stream", () -> PeerSockets.sendOne(survivor.socket, "s-" + index[0]++));
            }
            for (SocketType senderType : SENDERS) {
                String name = senderType.name().toLowerCase(Locale.ROOT);
                await().atMost(TIMEOUT).until(() -> served(child, name) >= 10);
            }
            child.kill();
        }
        awaitEach(survivors, survivor -> assertEquals(1, survivor.events.count(DISCONNECTED)));
        Context fresh = newContext();
        List<List<String>> nextReceived = new ArrayList<>();
        for (Survivor survivor : survivors) {
            Socket next = PeerSockets.create(fresh, PeerSockets.partner(survivor.socket.type()));
            next.bind(survivor.endpoint);
            List<String> received = new CopyOnWriteArrayList<>();
            nextReceived.add(received);
            loop(next.type() + "-next", () -> PeerSockets.serveOne(next, received::add));
        }
        for (int i = 0; i < survivors.size(); i++) {
            List<String> received = nextReceived.get(i);
            Survivor survivor = survivors.get(i);
            await().atMost(TIMEOUT).until(() -> received.size() >= 5);
            assertInOrderWithoutDuplicates(List.copyOf(received), "s");
            assertTrue(survivor.events.inOrder(HANDSHAKE_SUCCEEDED, DISCONNECTED, HANDSHAKE_SUCCEEDED),
                    survivor.socket + ": " + survivor.events.types());
            assertTrue(survivor.socket.statistics().peers().get(0).reconnects() >= 1,
                    survivor.socket.statistics().toString());
        }
    }

    private static long served(ChildPeer child, String name) throws IOException {
        int before = child.lines(line -> line.startsWith("count " + name + " ")).size();
        child.command("count " + name);
        await().atMost(TIMEOUT).until(() -> child.lines(line -> line.startsWith("count " + name + " ")).size()
                > before);
        List<String> counts = child.lines(line -> line.startsWith("count " + name + " "));
        return Long.parseLong(counts.get(counts.size() - 1).split(" ")[2]);
    }

    private static void awaitEach(List<Survivor> survivors, Consumer<Survivor> check) {
        for (Survivor survivor : survivors) {
            await().atMost(TIMEOUT).untilAsserted(() -> check.accept(survivor));
        }
    }

    /** Runs {@code step} on a thread of its own until the test ends. */
    private void loop(String name, Runnable step) {
        Thread thread = new Thread(() -> {
            while (!stop.get()) {
                step.run();
            }
        }, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }
}
