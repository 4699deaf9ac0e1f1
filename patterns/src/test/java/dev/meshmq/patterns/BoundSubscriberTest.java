package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PubSocket;
import dev.meshmq.SubSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.testsupport.Endpoints;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A SUB that binds while its application waits in {@code receive}: a publisher that connects later must
 * get the subscriptions without the application calling in again, or both would wait for ever (the
 * publisher sends nothing a subscriber has not asked for, the subscriber waits for a message).
 */
class BoundSubscriberTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void aPublisherThatConnectsToAWaitingBoundSubscriberReachesIt(String transport) throws Exception {
        Context context = newContext();
        SubSocket sub = context.createSub();
        sub.subscribe("t");
        String endpoint = sub.bind(Endpoints.fresh(transport));
        CompletableFuture<Optional<Message>> waiting = CompletableFuture.supplyAsync(() -> sub.receive(TIMEOUT));
        PubSocket pub = context.createPub();
        pub.connect(endpoint);
        assertTrue(pub.awaitSubscribers(1, TIMEOUT), "the waiting subscriber's subscription never came");
        pub.send(Message.of("t-1"));
        Optional<Message> got = waiting.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        assertEquals("t-1", got.orElseThrow().string(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void anXPubThatConnectsToAWaitingBoundSubscriberSeesItsSubscription(String transport) throws Exception {
        Context context = newContext();
        SubSocket sub = context.createSub();
        sub.subscribe("t");
        String endpoint = sub.bind(Endpoints.fresh(transport));
        CompletableFuture<Optional<Message>> waiting = CompletableFuture.supplyAsync(() -> sub.receive(TIMEOUT));
        XPubSocket xpub = context.createXPub();
        xpub.connect(endpoint);
        Message subscription = xpub.receive(TIMEOUT).orElseThrow(() -> new AssertionError("no subscription"));
        assertEquals(XPubXSubTest.subscription(1, "t"), subscription);
        xpub.send(Message.of("t-2"));
        assertEquals("t-2", waiting.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS).orElseThrow().string(0));
    }
}
