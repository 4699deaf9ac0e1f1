package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.SubSocket;
import dev.meshmq.testsupport.Endpoints;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Repeated subscriptions against libzmq 4.3.4, whose PUB holds a topic once per subscriber and ends it
 * at the first cancel: a MeshMQ SUB that subscribed twice and unsubscribed once still holds the topic,
 * so it must not send that cancel, and keeps receiving.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LibzmqSubscriptionInteropTest {

    @BeforeAll
    static void requirePeer() {
        PythonPeer.requireLibzmq();
    }

    @Test
    void aSubThatStillHoldsATopicAfterOneOfTwoUnsubscribesKeepsReceivingFromLibzmq() {
        String topic = PubSubInteropScenario.TOPIC;
        PeerSpec publisher = new PeerSpec("PUB", true, Endpoints.tcp(), PeerRole.PUBLISH,
                PubSubInteropScenario.PUBLISHED, "", topic);
        try (Context context = Context.create(); SubSocket sub = context.createSub();
                InteropPeer peer = PythonPeer.start(publisher)) {
            sub.connect(peer.awaitPrefix("BOUND ", InteropScenario.STEP));
            sub.subscribe(topic);
            sub.subscribe(topic);
            assertTrue(sub.receive(InteropScenario.STEP).isPresent(),
                    () -> "nothing from libzmq\n" + peer.diagnostics());
            sub.unsubscribe(topic);
            // a second topic as a marker: once libzmq sends a "drop" message it has applied everything
            // this SUB sent before the marker's SUBSCRIBE, including a cancel if there was one
            sub.subscribe("drop");
            String first;
            do {
                first = next(sub, peer);
            } while (!first.startsWith("drop"));
            boolean keptReceiving = false;
            for (int i = 0; i < 12 && !keptReceiving; i++) {
                keptReceiving = next(sub, peer).startsWith(topic);
            }
            assertTrue(keptReceiving, "libzmq stopped publishing to a SUB that still holds the topic: "
                    + "the SUB sent a cancel for the first of its two subscriptions");
        }
    }

    private static String next(SubSocket sub, InteropPeer peer) {
        Message message = sub.receive(InteropScenario.STEP)
                .orElseThrow(() -> new AssertionError("nothing from libzmq\n" + peer.diagnostics()));
        return message.string(0);
    }
}
