package dev.meshmq.patterns;

import static dev.meshmq.MonitorEventType.HANDSHAKE_SUCCEEDED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PeerStatistics;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketStatistics;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.MonitorEvents;
import dev.meshmq.testsupport.Worker;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Per-socket and per-peer statistics, readable from any thread. */
class StatisticsTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void peersShowMessagesBytesAndQueueDepth(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        pull.set(SocketOptions.RECEIVE_HWM, 500);
        PushSocket push = context.createPush();
        push.connect(pull.bind(Endpoints.fresh(transport)));
        for (int i = 0; i < 100; i++) {
            push.send(Message.of(new byte[10], new byte[5]));
        }
        AtomicReference<SocketStatistics> seen = new AtomicReference<>();
        Worker<Void> reader = background("statistics-reader", () -> {
            await().atMost(TIMEOUT).until(() -> {
                SocketStatistics statistics = pull.statistics();
                seen.set(statistics);
                return statistics.peers().size() == 1 && statistics.peers().get(0).queuedIn() == 100;
            });
            return null;
        });
        reader.value(TIMEOUT);
        PeerStatistics peer = seen.get().peers().get(0);
        assertEquals(100, peer.messagesIn());
        assertEquals(1500, peer.bytesIn());
        assertEquals("inproc".equals(transport) ? 1500 : 500, peer.receiveHwm(),
                "inproc shares one pipe limited by SEND_HWM + RECEIVE_HWM");
        for (int i = 0; i < 100; i++) {
            pull.receive(TIMEOUT).orElseThrow();
        }
        SocketStatistics after = pull.statistics();
        assertEquals(100, after.messagesReceived());
        assertEquals(0, after.peers().get(0).queuedIn());
        assertEquals(100, push.statistics().messagesSent());
        assertEquals(100, push.statistics().peers().get(0).messagesOut());
    }

    @Test
    void aConnectedPeerCountsItsReconnects() {
        Context context = newContext();
        PullSocket first = context.createPull();
        String endpoint = first.bind(Endpoints.fresh("tcp"));
        PushSocket push = context.createPush();
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        push.connect(endpoint);
        events.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
        assertEquals(0, push.statistics().peers().get(0).reconnects());
        first.close();
        PullSocket second = context.createPull();
        second.bind(endpoint);
        events.awaitCount(HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
        await().atMost(TIMEOUT).until(() -> push.statistics().peers().get(0).reconnects() == 1);
        assertTrue(push.statistics().peers().get(0).remoteAddress().contains("127.0.0.1"));
    }
}
