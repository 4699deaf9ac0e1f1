package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DealerSocket;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.Proxy;
import dev.meshmq.ProxyStatistics;
import dev.meshmq.PubSocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.SubSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.XSubSocket;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The proxy forwards XSUB/XPUB, ROUTER/DEALER and PULL/PUSH, pauses, resumes, terminates, counts, captures. */
class ProxyTest extends MeshTestSupport {

    private static Message expect(MessageReceiver receiver) {
        return receiver.receive(TIMEOUT).orElseThrow(() -> new AssertionError("no message arrived"));
    }

    /** PUSH -> [PULL frontend | proxy | PUSH backend] -> PULL. */
    private static final class Pipeline {
        final PushSocket source;
        final PullSocket frontend;
        final PushSocket backend;
        final PullSocket sink;

        Pipeline(Context context, String transport) {
            frontend = context.createPull();
            backend = context.createPush();
            source = context.createPush();
            sink = context.createPull();
            source.connect(frontend.bind(Endpoints.fresh(transport)));
            sink.connect(backend.bind(Endpoints.fresh(transport)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void forwardsMessagesDownAndSubscriptionsUpBetweenXSubAndXPub(String transport) {
        Context context = newContext();
        PubSocket pub = context.createPub();
        XSubSocket frontend = context.createXSub();
        XPubSocket backend = context.createXPub();
        SubSocket sub = context.createSub();
        frontend.connect(pub.bind(Endpoints.fresh(transport)));
        sub.connect(backend.bind(Endpoints.fresh(transport)));
        try (Proxy proxy = context.createProxy(frontend, backend)) {
            sub.subscribe("news");
            assertTrue(pub.awaitSubscribers(1, TIMEOUT), "the subscription reached the publisher");
            pub.send(Message.of("sport", "0"));
            pub.send(Message.of("news", "1"));
            assertEquals(Message.of("news", "1"), expect(sub));
            expectNothing(sub, SHORT);
            await().atMost(TIMEOUT).until(() -> proxy.statistics().frontendToBackendMessages() == 1);
            ProxyStatistics statistics = proxy.statistics();
            assertEquals(1, statistics.frontendToBackendMessages());
            assertEquals(5, statistics.frontendToBackendBytes());
            assertEquals(1, statistics.backendToFrontendMessages(), "the subscribe went upstream");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void forwardsRequestsAndRepliesBetweenRouterAndDealer(String transport) {
        Context context = newContext();
        RouterSocket frontend = context.createRouter();
        DealerSocket backend = context.createDealer();
        ReqSocket client = context.createReq();
        RepSocket worker = context.createRep();
        client.connect(frontend.bind(Endpoints.fresh(transport)));
        worker.connect(backend.bind(Endpoints.fresh(transport)));
        try (Proxy proxy = context.createProxy(frontend, backend)) {
            for (int i = 0; i < 3; i++) {
                client.send("ping-" + i);
                assertEquals("ping-" + i, expect(worker).string(0));
                worker.send("pong-" + i);
                assertEquals("pong-" + i, expect(client).string(0));
            }
            await().atMost(TIMEOUT).until(() -> proxy.statistics().backendToFrontendMessages() == 3);
            assertEquals(3, proxy.statistics().frontendToBackendMessages());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void forwardsFromPullToPushInOrder(String transport) {
        Context context = newContext();
        Pipeline pipeline = new Pipeline(context, transport);
        try (Proxy proxy = context.createProxy(pipeline.frontend, pipeline.backend)) {
            for (int i = 0; i < 1500; i++) {
                pipeline.source.send(numbered("m", i));
            }
            for (int i = 0; i < 1500; i++) {
                assertEquals(i, indexOf(expect(pipeline.sink)));
            }
            await().atMost(TIMEOUT).until(() -> proxy.statistics().frontendToBackendMessages() == 1500);
            assertEquals(0, proxy.statistics().backendToFrontendMessages());
        }
    }

    @Test
    void pauseHoldsMessagesAndResumeDeliversThemAll() {
        Context context = newContext();
        Pipeline pipeline = new Pipeline(context, "inproc");
        try (Proxy proxy = context.createProxy(pipeline.frontend, pipeline.backend)) {
            pipeline.source.send(numbered("m", 0));
            assertEquals(0, indexOf(expect(pipeline.sink)));
            await().atMost(TIMEOUT).until(() -> proxy.statistics().frontendToBackendMessages() == 1);
            proxy.pause();
            proxy.pause();
            for (int i = 1; i <= 100; i++) {
                pipeline.source.send(numbered("m", i));
            }
            expectNothing(pipeline.sink, SHORT);
            assertEquals(1, proxy.statistics().frontendToBackendMessages());
            assertTrue(proxy.isRunning(), "a paused proxy still runs");
            proxy.resume();
            for (int i = 1; i <= 100; i++) {
                assertEquals(i, indexOf(expect(pipeline.sink)));
            }
            await().atMost(TIMEOUT).until(() -> proxy.statistics().frontendToBackendMessages() == 101);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void terminateEndsPromptlyAndLeavesTheSocketsToTheCaller(String transport) {
        Context context = newContext();
        Pipeline pipeline = new Pipeline(context, transport);
        Proxy proxy = context.createProxy(pipeline.frontend, pipeline.backend);
        pipeline.source.send(numbered("m", 0));
        assertEquals(0, indexOf(expect(pipeline.sink)));
        assertTimeoutPreemptively(Duration.ofSeconds(2), proxy::terminate);
        assertFalse(proxy.isRunning());
        proxy.terminate();
        proxy.resume();
        pipeline.source.send(numbered("m", 1));
        assertEquals(1, indexOf(expect(pipeline.frontend)), "the frontend is the caller's again");
        pipeline.backend.send(numbered("m", 2));
        assertEquals(2, indexOf(expect(pipeline.sink)), "the backend is the caller's again");
        assertEquals(0, proxy.statistics().messagesDiscarded());
    }

    @Test
    void terminateEndsAPausedProxy() {
        Context context = newContext();
        Pipeline pipeline = new Pipeline(context, "inproc");
        Proxy proxy = context.createProxy(pipeline.frontend, pipeline.backend);
        proxy.pause();
        assertTimeoutPreemptively(Duration.ofSeconds(2), proxy::terminate);
        assertFalse(proxy.isRunning());
    }

    @Test
    void heldMessagesWaitForRoomAtTheBackend() {
        Context context = newContext();
        Pipeline pipeline = new Pipeline(context, "inproc");
        try (Proxy proxy = context.createProxy(pipeline.frontend, pipeline.backend)) {
            int count = 4000;
            Worker<Void> sender = background("source", () -> {
                for (int i = 0; i < count; i++) {
                    pipeline.source.send(numbered("m", i));
                }
                return null;
            });
            await().atMost(TIMEOUT).until(() -> proxy.statistics().frontendToBackendMessages() >= 1000);
            for (int i = 0; i < count; i++) {
                assertEquals(i, indexOf(expect(pipeline.sink)));
            }
            sender.value(TIMEOUT);
        }
    }

    @Test
    void theCaptureSocketReceivesACopyOfEveryMessageInBothDirections() {
        Context context = newContext();
        RouterSocket frontend = context.createRouter();
        DealerSocket backend = context.createDealer();
        PushSocket capture = context.createPush();
        PullSocket captured = context.createPull();
        ReqSocket client = context.createReq();
        RepSocket worker = context.createRep();
        captured.connect(capture.bind(Endpoints.fresh("inproc")));
        client.connect(frontend.bind(Endpoints.fresh("inproc")));
        worker.connect(backend.bind(Endpoints.fresh("inproc")));
        try (Proxy proxy = context.createProxy(frontend, backend, capture)) {
            client.send("question");
            Message request = expect(worker);
            worker.send("answer");
            expect(client);
            Message first = expect(captured);
            assertEquals("question", first.string(first.size() - 1));
            assertEquals(request, Message.of(first.frames().subList(first.size() - 1, first.size())));
            Message second = expect(captured);
            assertEquals("answer", second.string(second.size() - 1));
            expectNothing(captured, SHORT);
            assertEquals(0, proxy.statistics().messagesNotCaptured());
        }
    }

    @Test
    void stopsByItselfWhenASocketIsClosed() {
        Context context = newContext();
        Pipeline pipeline = new Pipeline(context, "inproc");
        Proxy proxy = context.createProxy(pipeline.frontend, pipeline.backend);
        pipeline.frontend.close();
        await().atMost(TIMEOUT).until(() -> !proxy.isRunning());
        proxy.terminate();
    }

    @Test
    void rejectsPairsWithNothingToForward() {
        Context context = newContext();
        PushSocket push = context.createPush();
        PubSocket pub = context.createPub();
        PullSocket pull = context.createPull();
        assertThrows(IllegalArgumentException.class, () -> context.createProxy(push, pub));
        assertThrows(IllegalArgumentException.class, () -> context.createProxy(pull, pull));
        assertThrows(IllegalArgumentException.class, () -> context.createProxy(pull, push, push));
        assertThrows(IllegalArgumentException.class, () -> context.createProxy(pull, newContext().createPush()));
    }
}
