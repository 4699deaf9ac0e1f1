package dev.meshmq.faults;

import static dev.meshmq.MonitorEventType.DISCONNECTED;
import static dev.meshmq.MonitorEventType.HANDSHAKE_FAILED_PROTOCOL;
import static dev.meshmq.MonitorEventType.HANDSHAKE_SUCCEEDED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.FaultyRelay;
import dev.meshmq.testsupport.MonitorEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults on the wire between a PUSH that connects through a {@link FaultyRelay} and a PULL that binds:
 * corrupted bytes in the greeting, in a frame header and in a body; a half-close from either side; added
 * latency and a bandwidth limit.
 */
class WireFaultsTest extends FaultTestSupport {

    private Context context;
    private PullSocket pull;
    private PushSocket push;
    private final MonitorEvents pushEvents = new MonitorEvents();
    private final MonitorEvents pullEvents = new MonitorEvents();

    private FaultyRelay start() throws Exception {
        context = newContext();
        pull = context.createPull();
        pull.monitor(pullEvents);
        String endpoint = pull.bind("tcp://127.0.0.1:*");
        FaultyRelay relay = FaultyRelay.towards(endpoint);
        push = context.createPush();
        push.monitor(pushEvents);
        return relay;
    }

    @Test
    void aGreetingCorruptedOnTheWayToTheBinderIsRefusedThereAndTheConnecterTriesAgain() throws Exception {
        try (FaultyRelay relay = start()) {
            relay.corrupt(FaultyRelay.Direction.TO_TARGET, 0, 1);
            push.connect(relay.endpoint());
            MonitorEvent refused = pullEvents.awaitEvent(HANDSHAKE_FAILED_PROTOCOL, TIMEOUT);
            assertTrue(refused.detail().contains("greeting"), refused.toString());
            pushEvents.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
            push.send(Message.of("after"));
            assertEquals("after", pull.receive(TIMEOUT).orElseThrow().string(0));
            assertEquals(2, relay.accepted());
        }
    }

    @Test
    void aGreetingCorruptedOnTheWayToTheConnecterEndsItsReconnecting() throws Exception {
        try (FaultyRelay relay = start()) {
            relay.corrupt(FaultyRelay.Direction.TO_CLIENT, 0, 1);
            push.connect(relay.endpoint());
            pushEvents.awaitEvent(HANDSHAKE_FAILED_PROTOCOL, TIMEOUT);
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> relay.accepted() == 1);
            assertEquals(0, pushEvents.count(HANDSHAKE_SUCCEEDED));
        }
    }

    @Test
    void aCorruptedFrameHeaderDropsTheConnectionAndItsMessageAndTheNextOnesFlowAfterTheReconnect() throws Exception {
        try (FaultyRelay relay = start()) {
            connectAndAwaitBothHandshakes(relay);
            relay.corrupt(FaultyRelay.Direction.TO_TARGET, 0, 1);
            push.send(Message.of("lost-0"));
            MonitorEvent dropped = pullEvents.awaitEvent(DISCONNECTED, TIMEOUT);
            assertTrue(dropped.detail().contains("protocol error"), dropped.toString());
            pushEvents.awaitCount(HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            push.send(Message.of("next-0"));
            assertEquals(List.of("next-0"), receiveThrough(pull, "next-0"));
        }
    }

    @Test
    void aCorruptedBodyByteIsDeliveredAsItArrivedBecauseZmtpCarriesNoChecksum() throws Exception {
        try (FaultyRelay relay = start()) {
            connectAndAwaitBothHandshakes(relay);
            byte[] body = "abcdef".getBytes(StandardCharsets.US_ASCII);
            // flags and size come first, then the body: invert its third byte
            relay.corrupt(FaultyRelay.Direction.TO_TARGET, 2 + 2, 1);
            push.send(Message.of(Frame.of(body)));
            byte[] received = pull.receive(TIMEOUT).orElseThrow().first().toByteArray();
            byte[] expected = body.clone();
            expected[2] = (byte) ~expected[2];
            assertArrayEquals(expected, received);
            assertEquals(0, pullEvents.count(DISCONNECTED));
        }
    }

    @ParameterizedTest
    @EnumSource(FaultyRelay.Side.class)
    void aHalfCloseFromEitherSideEndsTheConnectionAndThePushReconnects(FaultyRelay.Side side) throws Exception {
        try (FaultyRelay relay = start()) {
            connectAndAwaitBothHandshakes(relay);
            assertEquals(1, relay.halfClose(side));
            MonitorEvent dropped = pushEvents.awaitEvent(DISCONNECTED, TIMEOUT);
            pushEvents.awaitCount(HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            pullEvents.awaitEvent(DISCONNECTED, TIMEOUT);
            push.send(Message.of("after-0"));
            assertEquals(List.of("after-0"), receiveThrough(pull, "after-0"), dropped.toString());
        }
    }

    @Test
    void latencyAndABandwidthLimitSlowDeliveryButLoseAndReorderNothingAndHeartbeatsKeepTheLink()
            throws Exception {
        try (FaultyRelay relay = start()) {
            push.set(SocketOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(100));
            push.set(SocketOptions.HEARTBEAT_TIMEOUT, Duration.ofMillis(800));
            relay.latency(Duration.ofMillis(150)).bandwidth(256 * 1024);
            connectAndAwaitBothHandshakes(relay);
            long start = System.nanoTime();
            byte[] payload = new byte[4096];
            for (int i = 0; i < 32; i++) {
                push.send(Message.of(Frame.wrap(payload), Frame.of("l-" + i)));
            }
            List<String> received = receiveThrough(pull, "l-31");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(32, received.size());
            assertInOrderWithoutDuplicates(received, "l");
            // 128 KiB at 256 KiB/s plus 150 ms one way
            assertTrue(millis >= 500, "delivered in " + millis + " ms");
            assertEquals(0, pushEvents.count(DISCONNECTED), pushEvents.types().toString());
        }
    }

    private void connectAndAwaitBothHandshakes(FaultyRelay relay) {
        push.connect(relay.endpoint());
        pushEvents.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
        pullEvents.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
    }
}
