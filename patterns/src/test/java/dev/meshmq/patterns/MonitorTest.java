package dev.meshmq.patterns;

import static dev.meshmq.MonitorEventType.ACCEPTED;
import static dev.meshmq.MonitorEventType.BIND_FAILED;
import static dev.meshmq.MonitorEventType.CLOSED;
import static dev.meshmq.MonitorEventType.CONNECTED;
import static dev.meshmq.MonitorEventType.CONNECT_RETRIED;
import static dev.meshmq.MonitorEventType.DISCONNECTED;
import static dev.meshmq.MonitorEventType.HANDSHAKE_FAILED_PROTOCOL;
import static dev.meshmq.MonitorEventType.HANDSHAKE_SUCCEEDED;
import static dev.meshmq.MonitorEventType.LISTENING;
import static dev.meshmq.MonitorEventType.MONITOR_STOPPED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.AddressInUseException;
import dev.meshmq.Context;
import dev.meshmq.DealerSocket;
import dev.meshmq.InvalidEndpointException;
import dev.meshmq.Message;
import dev.meshmq.Monitor;
import dev.meshmq.MonitorEvent;
import dev.meshmq.PairSocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.MonitorEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Monitor events: libzmq's names and order on both sides, routing ids, failures, a slow listener. */
class MonitorTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void connectSideReportsTheLifeOfItsConnections(String transport) {
        Context context = newContext();
        PullSocket server = context.createPull();
        String endpoint = server.bind(Endpoints.fresh(transport));
        PushSocket client = context.createPush();
        MonitorEvents events = new MonitorEvents();
        client.monitor(events);
        client.connect(endpoint);
        events.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
        server.close();
        events.awaitEvent(CONNECT_RETRIED, TIMEOUT);
        client.close();
        events.awaitEvent(MONITOR_STOPPED, TIMEOUT);
        assertTrue(events.inOrder(CONNECTED, HANDSHAKE_SUCCEEDED, DISCONNECTED, CONNECT_RETRIED, MONITOR_STOPPED),
                events.types().toString());
        MonitorEvent connected = events.awaitEvent(CONNECTED, TIMEOUT);
        assertEquals(endpoint, connected.endpoint());
        assertTrue(events.awaitEvent(CONNECT_RETRIED, TIMEOUT).value() >= 100, "the next wait in ms");
        assertEquals(MONITOR_STOPPED, events.types().get(events.types().size() - 1), "always last");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void bindSideReportsListeningAcceptedHandshakeDisconnectedAndClosed(String transport) {
        Context context = newContext();
        PullSocket server = context.createPull();
        MonitorEvents events = new MonitorEvents();
        server.monitor(events);
        String endpoint = server.bind(Endpoints.fresh(transport));
        PushSocket client = context.createPush();
        client.connect(endpoint);
        events.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
        client.close();
        events.awaitEvent(DISCONNECTED, TIMEOUT);
        server.unbind(endpoint);
        events.awaitEvent(CLOSED, TIMEOUT);
        server.close();
        events.awaitEvent(MONITOR_STOPPED, TIMEOUT);
        assertTrue(events.inOrder(LISTENING, ACCEPTED, HANDSHAKE_SUCCEEDED, DISCONNECTED, CLOSED, MONITOR_STOPPED),
                events.types().toString());
        assertEquals(endpoint, events.awaitEvent(LISTENING, TIMEOUT).endpoint());
    }

    @Test
    void handshakeSucceededCarriesThePeersRoutingIdAndAddresses() {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        MonitorEvents events = new MonitorEvents();
        router.monitor(events);
        String endpoint = router.bind(Endpoints.fresh("tcp"));
        DealerSocket dealer = context.createDealer();
        dealer.set(SocketOptions.ROUTING_ID, "worker-1".getBytes(StandardCharsets.US_ASCII));
        dealer.connect(endpoint);
        MonitorEvent handshake = events.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
        assertArrayEquals("worker-1".getBytes(StandardCharsets.US_ASCII), handshake.peerRoutingId());
        assertTrue(handshake.remoteAddress().contains("127.0.0.1"), handshake.toString());
        assertTrue(handshake.localAddress().contains(endpoint.substring(endpoint.lastIndexOf(':'))),
                handshake.toString());
    }

    @Test
    void anIncompatiblePeerIsAProtocolFailureWithLibzmqsCodeAndAReason() {
        Context context = newContext();
        PushSocket server = context.createPush();
        String endpoint = server.bind(Endpoints.fresh("tcp"));
        PushSocket client = context.createPush();
        MonitorEvents events = new MonitorEvents();
        client.monitor(events);
        client.connect(endpoint);
        MonitorEvent failure = events.awaitEvent(HANDSHAKE_FAILED_PROTOCOL, TIMEOUT);
        assertTrue(failure.detail().contains("PUSH"), failure.toString());
        events.awaitEvent(DISCONNECTED, TIMEOUT);
    }

    @Test
    void aFailedBindIsReported() {
        Context context = newContext();
        PullSocket first = context.createPull();
        String endpoint = first.bind(Endpoints.fresh("tcp"));
        PullSocket second = context.createPull();
        MonitorEvents events = new MonitorEvents();
        second.monitor(events);
        assertThrows(AddressInUseException.class, () -> second.bind(endpoint));
        assertEquals(endpoint, events.awaitEvent(BIND_FAILED, TIMEOUT).endpoint());
    }

    /** The listener blocks; connections come and go meanwhile; afterwards every CONNECTED has its DISCONNECTED. */
    @Test
    void aSlowListenerHoldsUpNothingAndLosesNothing() throws InterruptedException {
        Context context = newContext();
        PullSocket server = context.createPull();
        String endpoint = server.bind(Endpoints.fresh("tcp"));
        PushSocket client = context.createPush();
        CountDownLatch release = new CountDownLatch(1);
        MonitorEvents events = new MonitorEvents();
        Monitor monitor = client.monitor(event -> {
            awaitQuietly(release);
            events.accept(event);
        });
        for (int round = 0; round < 5; round++) {
            client.connect(endpoint);
            client.send("round " + round);
            assertEquals("round " + round, server.receive(TIMEOUT).orElseThrow().string(0));
            client.disconnect(endpoint);
        }
        assertEquals(0, events.events().size(), "the listener is still blocked, yet messages flowed");
        release.countDown();
        await().atMost(TIMEOUT).until(() -> events.count(DISCONNECTED) == events.count(CONNECTED)
                && events.count(CONNECTED) == 5);
        monitor.close();
        events.awaitEvent(MONITOR_STOPPED, TIMEOUT);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aReplacedMonitorStopsAndTheNewOneTakesOver() {
        Context context = newContext();
        PullSocket server = context.createPull();
        MonitorEvents first = new MonitorEvents();
        MonitorEvents second = new MonitorEvents();
        server.monitor(first);
        server.monitor(second);
        first.awaitEvent(MONITOR_STOPPED, TIMEOUT);
        server.bind(Endpoints.fresh("tcp"));
        second.awaitEvent(LISTENING, TIMEOUT);
        assertEquals(0, first.count(LISTENING));
        server.close();
        second.awaitEvent(MONITOR_STOPPED, Duration.ofSeconds(5));
        assertTrue(second.inOrder(LISTENING, CLOSED, MONITOR_STOPPED), second.types().toString());
    }

    @Test
    void aLibzmqStyleMonitorSendsTwoFrameEventsToAnInprocPair() {
        Context context = newContext();
        PullSocket server = context.createPull();
        String monitorEndpoint = Endpoints.fresh("inproc");
        server.monitor(monitorEndpoint);
        PairSocket reader = context.createPair();
        reader.connect(monitorEndpoint);
        String endpoint = server.bind(Endpoints.fresh("tcp"));
        Message event = reader.receive(TIMEOUT).orElseThrow();
        assertEquals(2, event.size());
        byte[] head = event.frame(0).toByteArray();
        assertEquals(6, head.length);
        assertEquals(LISTENING.libzmqId(), (head[0] & 0xFF) | (head[1] & 0xFF) << 8, "uint16 id, little-endian");
        assertEquals(endpoint, event.string(1));
        assertThrows(InvalidEndpointException.class, () -> server.monitor("tcp://127.0.0.1:*"));
    }
}
