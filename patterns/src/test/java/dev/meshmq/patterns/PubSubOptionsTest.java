package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.PubSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.testsupport.Endpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pub-sub options: which socket types take them, INVERT_MATCHING and CONFLATE. */
class PubSubOptionsTest extends MeshTestSupport {

    @Test
    void anOptionForAnotherSocketTypeIsRejectedNamingBoth() {
        Context context = newContext();
        PubSocket pub = context.createPub();
        IllegalArgumentException rejected =
                assertThrows(IllegalArgumentException.class, () -> pub.set(SocketOptions.XPUB_VERBOSE, true));
        assertTrue(rejected.getMessage().contains("XPUB_VERBOSE") && rejected.getMessage().contains("PUB"),
                rejected.getMessage());
        SubSocket sub = context.createSub();
        assertThrows(IllegalArgumentException.class, () -> sub.set(SocketOptions.XPUB_NODROP, true));
        XPubSocket xpub = context.createXPub();
        assertThrows(IllegalArgumentException.class, () -> xpub.set(SocketOptions.CONFLATE, true));
        PushSocket push = context.createPush();
        IllegalArgumentException forPush =
                assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.INVERT_MATCHING, true));
        assertTrue(forPush.getMessage().contains("INVERT_MATCHING") && forPush.getMessage().contains("PUSH"));
        assertFalse(push.get(SocketOptions.INVERT_MATCHING), "a rejected value changes nothing");
        xpub.set(SocketOptions.XPUB_WELCOME_MSG, Frame.of("hello"));
        assertEquals(Frame.of("hello"), xpub.get(SocketOptions.XPUB_WELCOME_MSG));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void invertMatchingDeliversWhatTheSubscriptionsDoNotMatch(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        pub.set(SocketOptions.INVERT_MATCHING, true);
        SubSocket sub = context.createSub();
        sub.set(SocketOptions.INVERT_MATCHING, true);
        sub.connect(pub.bind(Endpoints.fresh(transport)));
        sub.subscribe("skip");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        pub.send("skip-0");
        pub.send("keep-0");
        pub.send("skipper-1");
        pub.send("keep-1");
        expectInOrder(sub, "keep", 0, 2);
        expectNothing(sub, SHORT);
    }

    @Test
    void conflateReturnsOnlyTheNewestMessage() {
        Context context = newContext();
        PubSocket pub = context.createPub();
        SubSocket sub = context.createSub();
        sub.set(SocketOptions.CONFLATE, true);
        sub.connect(pub.bind(Endpoints.fresh("inproc")));
        sub.subscribe("m");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        for (int i = 0; i < 5; i++) {
            pub.send(numbered("m", i));
        }
        pub.send("other-5");
        expectInOrder(sub, "m", 4, 1);
        expectNothing(sub, SHORT);
        pub.send(numbered("m", 6));
        expectInOrder(sub, "m", 6, 1);
    }

    /** A reader far behind the publisher still gets the latest message, and the publisher drops nothing for it. */
    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void conflateKeepsTheNewestEvenFarBeyondTheHighWaterMark(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        SubSocket sub = context.createSub();
        sub.set(SocketOptions.CONFLATE, true);
        sub.set(SocketOptions.RECEIVE_HWM, 10);
        sub.connect(pub.bind(Endpoints.fresh(transport)));
        sub.subscribe("");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        for (int i = 0; i < 5000; i++) {
            pub.send(numbered("m", i));
        }
        await().atMost(TIMEOUT).until(() -> pub.statistics().peers().get(0).queuedOut() <= 1);
        pub.send("final");
        int receives = 0;
        String last;
        do {
            last = sub.receive(TIMEOUT).orElseThrow().string(0);
            receives++;
        } while (!"final".equals(last));
        assertTrue(receives <= 5, "a conflating SUB needed " + receives + " receives to reach the newest");
        if ("inproc".equals(transport)) {
            assertEquals(0, pub.publisherStatistics().messagesDropped(), "nothing dropped for a conflating SUB");
        }
    }
}
