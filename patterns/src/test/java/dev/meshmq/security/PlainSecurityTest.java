package dev.meshmq.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.AuthenticationRequest;
import dev.meshmq.AuthenticationResult;
import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RepSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.MonitorEvents;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PLAIN between MeshMQ sockets: an Authenticator or a ZAP handler judges, the authentication thread
 * runs it, a denial is visible on both sides and delivers nothing.
 */
class PlainSecurityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private Context context;

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private static AuthenticationResult judge(AuthenticationRequest request) {
        return "admin".equals(request.username().orElse("")) && "secret".equals(request.password().orElse(""))
                ? AuthenticationResult.allow("admin-id") : AuthenticationResult.deny("bad credentials");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void anAuthenticatorAdmitsTheRightPassword(String transport) {
        List<AuthenticationRequest> asked = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            pull.set(SocketOptions.PLAIN_SERVER, true);
            pull.set(SocketOptions.ZAP_DOMAIN, "global");
            pull.set(SocketOptions.AUTHENTICATOR, request -> {
                asked.add(request);
                threads.add(Thread.currentThread().getName());
                return judge(request);
            });
            push.set(SocketOptions.PLAIN_USERNAME, "admin");
            push.set(SocketOptions.PLAIN_PASSWORD, "secret");
            String endpoint = pull.bind(Endpoints.fresh(transport));
            push.connect(endpoint);
            push.send(Message.of("hello"));
            assertEquals("hello", pull.receive(TIMEOUT).orElseThrow().string(0));
            assertEquals(1, asked.size());
            AuthenticationRequest request = asked.get(0);
            assertEquals("PLAIN", request.mechanism());
            assertEquals("global", request.domain());
            assertEquals(transport.equals("tcp") ? "127.0.0.1" : "", request.address());
            assertEquals(List.of("meshmq-auth"), threads);
        }
    }

    @Test
    void aWrongPasswordDeliversNothingAndBothSidesSayWhy() {
        MonitorEvents server = new MonitorEvents();
        MonitorEvents client = new MonitorEvents();
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            pull.set(SocketOptions.PLAIN_SERVER, true);
            pull.set(SocketOptions.AUTHENTICATOR, PlainSecurityTest::judge);
            pull.monitor(server);
            push.set(SocketOptions.PLAIN_USERNAME, "admin");
            push.set(SocketOptions.PLAIN_PASSWORD, "wrong");
            push.monitor(client);
            push.connect(pull.bind(Endpoints.tcp()));
            push.send(Message.of("must not arrive"), Duration.ZERO);
            MonitorEvent denied = server.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_AUTH, TIMEOUT);
            assertEquals(400, denied.value());
            MonitorEvent refused = client.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_AUTH, TIMEOUT);
            assertEquals(400, refused.value());
            assertFalse(pull.receive(Duration.ofMillis(300)).isPresent());
            assertEquals(1, pull.statistics().authenticationFailures());
            assertEquals(1, push.statistics().authenticationFailures());
            assertEquals(0, server.count(MonitorEventType.HANDSHAKE_SUCCEEDED));
        }
    }

    @Test
    void aPlainServerWithoutAnyJudgeClosesTheConnectionAsLibzmqDoes() {
        MonitorEvents server = new MonitorEvents();
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            pull.set(SocketOptions.PLAIN_SERVER, true);
            pull.monitor(server);
            push.set(SocketOptions.PLAIN_USERNAME, "admin");
            push.connect(pull.bind(Endpoints.tcp()));
            push.send(Message.of("must not arrive"), Duration.ZERO);
            MonitorEvent failed = server.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_NO_DETAIL, TIMEOUT);
            assertEquals(14, failed.value());
            assertFalse(pull.receive(Duration.ofMillis(200)).isPresent());
        }
    }

    @ParameterizedTest(name = "ZAP handler is a {0}")
    @ValueSource(strings = {"REP", "ROUTER"})
    void aZapHandlerBoundInTheContextJudges(String handlerType) throws Exception {
        ZapHandler handler = new ZapHandler(context, handlerType);
        try (PullSocket pull = context.createPull(); PushSocket good = context.createPush();
                PushSocket bad = context.createPush()) {
            pull.set(SocketOptions.PLAIN_SERVER, true);
            pull.set(SocketOptions.ZAP_DOMAIN, "test");
            MonitorEvents badEvents = new MonitorEvents();
            bad.monitor(badEvents);
            String endpoint = pull.bind(Endpoints.tcp());
            good.set(SocketOptions.PLAIN_USERNAME, "admin");
            good.set(SocketOptions.PLAIN_PASSWORD, "secret");
            bad.set(SocketOptions.PLAIN_USERNAME, "admin");
            bad.set(SocketOptions.PLAIN_PASSWORD, "nope");
            bad.connect(endpoint);
            good.connect(endpoint);
            bad.send(Message.of("from bad"), Duration.ZERO);
            good.send(Message.of("from good"));
            assertEquals("from good", pull.receive(TIMEOUT).orElseThrow().string(0));
            assertEquals(400, badEvents.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_AUTH, TIMEOUT).value());
            assertFalse(pull.receive(Duration.ofMillis(200)).isPresent());
            List<Message> requests = handler.requests();
            assertTrue(requests.size() >= 2, requests.toString());
            Message first = requests.get(0);
            assertEquals("1.0", first.string(0));
            assertEquals("test", first.string(2));
            assertEquals("127.0.0.1", first.string(3));
            assertEquals("PLAIN", first.string(5));
        } finally {
            handler.stop();
        }
    }

    @Test
    void aBadZapReplyIsAProtocolFailure() throws Exception {
        try (RepSocket zap = context.createRep(); PullSocket pull = context.createPull();
                PushSocket push = context.createPush()) {
            zap.bind("inproc://zeromq.zap.01");
            MonitorEvents server = new MonitorEvents();
            pull.monitor(server);
            pull.set(SocketOptions.PLAIN_SERVER, true);
            push.set(SocketOptions.PLAIN_USERNAME, "admin");
            push.connect(pull.bind(Endpoints.tcp()));
            Message request = zap.receive(TIMEOUT).orElseThrow();
            zap.send(Message.of("2.0", request.string(1), "200", "OK", "", ""));
            MonitorEvent failed = server.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_PROTOCOL, TIMEOUT);
            assertEquals(0x20000003, failed.value());
        }
    }

    @Test
    void nullWithAZapDomainAsksToo() {
        List<AuthenticationRequest> asked = new CopyOnWriteArrayList<>();
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            pull.set(SocketOptions.ZAP_DOMAIN, "null-domain");
            pull.set(SocketOptions.AUTHENTICATOR, request -> {
                asked.add(request);
                return asked.size() == 1 ? AuthenticationResult.deny("first one out") : AuthenticationResult.allow("");
            });
            MonitorEvents client = new MonitorEvents();
            push.monitor(client);
            push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(50));
            push.connect(pull.bind(Endpoints.tcp()));
            assertEquals(400, client.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_AUTH, TIMEOUT).value());
            assertEquals("NULL", asked.get(0).mechanism());
            assertEquals("null-domain", asked.get(0).domain());
        }
    }

    /** Raw PLAIN clients that break RFC 24, each with the HANDSHAKE_FAILED_PROTOCOL value expected. */
    enum PlainAttack {
        HELLO_BAD_LENGTHS(0x10000013), INITIATE_BEFORE_HELLO(0x10000001), INITIATE_BAD_METADATA(0x10000014),
        NULL_GREETING(0x11000002), READY_INSTEAD_OF_HELLO(0x10000001);

        final long code;

        PlainAttack(long code) {
            this.code = code;
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(PlainAttack.class)
    void aMalformedPlainClientClosesOnlyItsConnection(PlainAttack attack) throws Exception {
        MonitorEvents server = new MonitorEvents();
        try (PullSocket pull = context.createPull(); PushSocket good = context.createPush()) {
            pull.set(SocketOptions.PLAIN_SERVER, true);
            pull.set(SocketOptions.AUTHENTICATOR, PlainSecurityTest::judge);
            pull.monitor(server);
            String endpoint = pull.bind(Endpoints.tcp());
            good.set(SocketOptions.PLAIN_USERNAME, "admin");
            good.set(SocketOptions.PLAIN_PASSWORD, "secret");
            good.connect(endpoint);
            good.send(Message.of("before"));
            assertEquals("before", pull.receive(TIMEOUT).orElseThrow().string(0));
            try (RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT)) {
                raw.send(attack == PlainAttack.NULL_GREETING ? RawZmtpPeer.nullGreeting()
                        : RawZmtpPeer.greeting(3, 1, "PLAIN"), TIMEOUT);
                raw.receive(64, TIMEOUT);
                byte[] hello = {5, 'a', 'd', 'm', 'i', 'n', 6, 's', 'e', 'c', 'r', 'e', 't'};
                switch (attack) {
                    case HELLO_BAD_LENGTHS -> raw.send(RawZmtpPeer.command("HELLO",
                            new byte[] {9, 'a', 'd', 'm', 'i', 'n', 0}), TIMEOUT);
                    case INITIATE_BEFORE_HELLO -> raw.send(RawZmtpPeer.command("INITIATE", new byte[0]), TIMEOUT);
                    case INITIATE_BAD_METADATA -> {
                        raw.send(RawZmtpPeer.command("HELLO", hello), TIMEOUT);
                        raw.receiveFrame(TIMEOUT);
                        raw.send(RawZmtpPeer.command("INITIATE", new byte[] {4, 'a', 'b', 'c', 'd', 0, 0, 9}),
                                TIMEOUT);
                    }
                    case NULL_GREETING -> raw.send(RawZmtpPeer.ready("PUSH"), TIMEOUT);
                    case READY_INSTEAD_OF_HELLO -> raw.send(RawZmtpPeer.ready("PUSH"), TIMEOUT);
                    default -> throw new AssertionError(attack);
                }
                assertTrue(raw.awaitClosedByServer(TIMEOUT), "the server kept the connection open");
            }
            assertEquals(attack.code, server.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_PROTOCOL, TIMEOUT).value());
            good.send(Message.of("after"));
            assertEquals("after", pull.receive(TIMEOUT).orElseThrow().string(0));
        }
    }

    @Test
    void aVerdictForAConnectionThatClosedMeanwhileIsIgnored() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        MonitorEvents server = new MonitorEvents();
        try (PullSocket pull = context.createPull()) {
            pull.set(SocketOptions.PLAIN_SERVER, true);
            pull.set(SocketOptions.AUTHENTICATOR, request -> {
                if ("slow".equals(request.username().orElse(""))) {
                    asked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return AuthenticationResult.allow(request.username().orElse(""));
            });
            pull.monitor(server);
            String endpoint = pull.bind(Endpoints.tcp());
            try (PushSocket slow = context.createPush()) {
                slow.set(SocketOptions.PLAIN_USERNAME, "slow");
                slow.connect(endpoint);
                assertTrue(asked.await(10, java.util.concurrent.TimeUnit.SECONDS));
                slow.set(SocketOptions.LINGER, Duration.ZERO);
            }
            server.awaitEvent(MonitorEventType.DISCONNECTED, TIMEOUT);
            release.countDown();
            try (PushSocket next = context.createPush()) {
                next.set(SocketOptions.PLAIN_USERNAME, "next");
                next.connect(endpoint);
                next.send(Message.of("after the late verdict"));
                Message got = pull.receive(TIMEOUT).orElseThrow();
                assertEquals("after the late verdict", got.string(0));
                assertEquals("next", got.userId().orElseThrow());
            }
            server.awaitCount(MonitorEventType.HANDSHAKE_SUCCEEDED, 1, TIMEOUT);
            assertEquals(1, server.count(MonitorEventType.HANDSHAKE_SUCCEEDED), "only the second succeeded");
        }
    }
}
