package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.XSubSocket;
import dev.meshmq.testsupport.Endpoints;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XPUB shows subscriptions (first/last, verbose, verboser, manual, cancels on disconnect); XSUB sends them. */
class XPubXSubTest extends MeshTestSupport {

    static Message subscription(int flag, String topic) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[topicBytes.length + 1];
        frame[0] = (byte) flag;
        System.arraycopy(topicBytes, 0, frame, 1, topicBytes.length);
        return Message.of(Frame.wrap(frame));
    }

    static void expectSubscription(XPubSocket xpub, int flag, String topic) {
        Message message = xpub.receive(TIMEOUT).orElseThrow(() -> new AssertionError("no subscription message"));
        assertEquals(subscription(flag, topic), message, "expected " + (flag == 1 ? "subscribe " : "cancel ") + topic);
    }

    private static SubSocket connectedSub(Context context, String endpoint, String topic) {
        SubSocket sub = context.createSub();
        sub.connect(endpoint);
        sub.subscribe(topic);
        return sub;
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void reportsTheFirstSubscribeAndTheLastCancelOfATopic(String transport) {
        Context context = newContext();
        XPubSocket xpub = context.createXPub();
        String endpoint = xpub.bind(Endpoints.fresh(transport));
        SubSocket first = connectedSub(context, endpoint, "t");
        expectSubscription(xpub, 1, "t");
        SubSocket second = connectedSub(context, endpoint, "t");
        assertTrue(xpub.awaitSubscribers(2, TIMEOUT));
        expectNothing(xpub, SHORT);
        first.unsubscribe("t");
        second.unsubscribe("t");
        expectSubscription(xpub, 0, "t");
        expectNothing(xpub, SHORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void verboseReportsEverySubscribeAndVerboserEveryCancel(String transport) {
        Context context = newContext();
        XPubSocket xpub = context.createXPub();
        xpub.set(SocketOptions.XPUB_VERBOSER, true);
        String endpoint = xpub.bind(Endpoints.fresh(transport));
        SubSocket first = connectedSub(context, endpoint, "t");
        expectSubscription(xpub, 1, "t");
        SubSocket second = connectedSub(context, endpoint, "t");
        expectSubscription(xpub, 1, "t");
        first.unsubscribe("t");
        expectSubscription(xpub, 0, "t");
        second.unsubscribe("t");
        expectSubscription(xpub, 0, "t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void reportsCancelsForTopicsNobodyHoldsWhenASubscriberLeaves(String transport) {
        Context context = newContext();
        XPubSocket xpub = context.createXPub();
        String endpoint = xpub.bind(Endpoints.fresh(transport));
        SubSocket leaving = connectedSub(context, endpoint, "gone");
        leaving.subscribe("shared");
        SubSocket staying = connectedSub(context, endpoint, "shared");
        assertTrue(xpub.awaitSubscribers(2, TIMEOUT));
        Set<Message> reported = Set.of(xpub.receive(TIMEOUT).orElseThrow(), xpub.receive(TIMEOUT).orElseThrow());
        assertEquals(Set.of(subscription(1, "gone"), subscription(1, "shared")), reported);
        leaving.close();
        expectSubscription(xpub, 0, "gone");
        expectNothing(xpub, SHORT);
        staying.close();
        expectSubscription(xpub, 0, "shared");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "tcp"})
    void connectingXPubForgetsTheSubscriptionsOfAConnectionThatEnded(String transport) {
        String endpoint = concreteEndpoint(transport);
        Context context = newContext();
        SubSocket before = context.createSub();
        before.bind(endpoint);
        before.subscribe("old");
        XPubSocket xpub = context.createXPub();
        xpub.connect(endpoint);
        awaitWhileSubPolls(before, () -> xpub.receive(SHORT).orElse(null), subscription(1, "old"));
        before.close();
        expectSubscription(xpub, 0, "old");
        SubSocket after = context.createSub();
        after.bind(endpoint);
        after.subscribe("new");
        awaitWhileSubPolls(after, () -> xpub.receive(SHORT).orElse(null), subscription(1, "new"));
        after.subscribe("old");
        expectSubscription(xpub, 1, "old");
    }

    /** Polls {@code sub} (a binding SUB sends its subscriptions when its owner calls in) until a message comes. */
    private static void awaitWhileSubPolls(SubSocket sub, Supplier<Message> next, Message expected) {
        AtomicReference<Message> got = new AtomicReference<>();
        await().atMost(TIMEOUT).until(() -> {
            sub.tryReceive();
            got.set(next.get());
            return got.get() != null;
        });
        assertEquals(expected, got.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void manualModeAppliesOnlyWhatTheApplicationApplies(String transport) {
        Context context = newContext();
        XPubSocket xpub = context.createXPub();
        xpub.set(SocketOptions.XPUB_MANUAL, true);
        String endpoint = xpub.bind(Endpoints.fresh(transport));
        assertThrows(IllegalStateException.class, () -> xpub.subscribe(new byte[0]), "no subscriber yet");
        SubSocket sub = connectedSub(context, endpoint, "m");
        expectSubscription(xpub, 1, "m");
        xpub.send("m-0");
        expectNothing(sub, SHORT);
        xpub.subscribe("m".getBytes(StandardCharsets.UTF_8));
        xpub.send("m-1");
        expectInOrder(sub, "m", 1, 1);
        xpub.unsubscribe("m".getBytes(StandardCharsets.UTF_8));
        xpub.send("m-2");
        expectNothing(sub, SHORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void welcomeMessageGoesToEachNewSubscriber(String transport) {
        Context context = newContext();
        XPubSocket xpub = context.createXPub();
        xpub.set(SocketOptions.XPUB_WELCOME_MSG, Frame.of("W-hello"));
        String endpoint = xpub.bind(Endpoints.fresh(transport));
        SubSocket first = context.createSub();
        first.subscribe("W");
        first.connect(endpoint);
        SubSocket second = context.createSub();
        second.subscribe("W");
        second.connect(endpoint);
        await().atMost(TIMEOUT).until(() -> xpub.awaitSubscribers(2, SHORT));
        assertEquals("W-hello", first.receive(TIMEOUT).orElseThrow().string(0));
        assertEquals("W-hello", second.receive(TIMEOUT).orElseThrow().string(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void xsubSendsSubscriptionsAndForwardsOtherMessages(String transport) {
        Context context = newContext();
        XPubSocket xpub = context.createXPub();
        String endpoint = xpub.bind(Endpoints.fresh(transport));
        XSubSocket xsub = context.createXSub();
        xsub.connect(endpoint);
        xsub.send(subscription(1, "x"));
        xsub.send(Message.of(new byte[] {2, 'h', 'i'}));
        expectSubscription(xpub, 1, "x");
        assertArrayEquals(new byte[] {2, 'h', 'i'}, xpub.receive(TIMEOUT).orElseThrow().first().toByteArray());
        xpub.send("y-0");
        xpub.send("x-0");
        assertEquals("x-0", xsub.receive(TIMEOUT).orElseThrow().string(0));
        xsub.send(subscription(0, "nothing-held"));
        xsub.send(subscription(0, "x"));
        expectSubscription(xpub, 0, "x");
    }
}
