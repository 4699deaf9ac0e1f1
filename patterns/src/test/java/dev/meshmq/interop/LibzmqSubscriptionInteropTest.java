package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.SubSocket;
import java.time.Duration;
import java.util.Optional;
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
            // what libzmq published before it could have seen a cancel is still on its way: let it pass
            long drainUntil = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() - drainUntil < 0) {
                sub.receive(Duration.ofMillis(20));
            }
            Optional<Message> later = sub.receive(Duration.ofSeconds(1));
            assertTrue(later.isPresent(), "libzmq stopped publishing to a SUB that still holds the topic: "
                    + "the SUB sent a cancel for the first of its two subscriptions");
            assertTrue(PubSubInteropScenario.MATCHING.contains(PeerFormat.token(later.get())));
        }
    }
}
