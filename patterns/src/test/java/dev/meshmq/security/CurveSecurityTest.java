package dev.meshmq.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.meshmq.AuthenticationRequest;
import dev.meshmq.AuthenticationResult;
import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.DealerSocket;
import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.MonitorEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CURVE between MeshMQ sockets. */
class CurveSecurityTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private Context context;
    private final CurveKeyPair server = CurveKeyPair.generate();
    private final CurveKeyPair client = CurveKeyPair.generate();

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
    }

    static void curveServer(Socket socket, CurveKeyPair keys) {
        socket.set(SocketOptions.CURVE_SERVER, true);
        socket.set(SocketOptions.CURVE_SECRET_KEY, keys.secretKey());
    }

    static void curveClient(Socket socket, CurveKeyPair keys, byte[] serverKey) {
        socket.set(SocketOptions.CURVE_SERVER_KEY, serverKey);
        socket.set(SocketOptions.CURVE_PUBLIC_KEY, keys.publicKey());
        socket.set(SocketOptions.CURVE_SECRET_KEY, keys.secretKey());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc"})
    void multipartMessagesBothWaysWithKeysAsZ85Text(String transport) {
        List<AuthenticationRequest> asked = new CopyOnWriteArrayList<>();
        try (RouterSocket router = context.createRouter(); DealerSocket dealer = context.createDealer()) {
            router.set(SocketOptions.CURVE_SERVER, true);
            router.set(SocketOptions.CURVE_SECRET_KEY, server.secretKeyZ85().getBytes(StandardCharsets.US_ASCII));
            router.set(SocketOptions.AUTHENTICATOR, request -> {
                asked.add(request);
                return AuthenticationResult.allow("client-1");
            });
            dealer.set(SocketOptions.ROUTING_ID, "d1".getBytes(StandardCharsets.US_ASCII));
            curveClient(dealer, client, server.publicKeyZ85().getBytes(StandardCharsets.US_ASCII));
            dealer.connect(router.bind(Endpoints.fresh(transport)));
            for (int i = 0; i < 100; i++) {
                dealer.send(Message.of("part-a" + i, "", "x".repeat(i * 40)));
            }
            for (int i = 0; i < 100; i++) {
                Message got = router.receive(TIMEOUT).orElseThrow();
                assertEquals(4, got.size());
                assertEquals("d1", got.string(0));
                assertEquals("part-a" + i, got.string(1));
                assertEquals("x".repeat(i * 40), got.string(3));
            }
            router.send(Message.of("d1", "reply", "1"));
            Message reply = dealer.receive(TIMEOUT).orElseThrow();
            assertEquals(Message.of("reply", "1"), reply);
            assertEquals("CURVE", asked.get(0).mechanism());
            assertArrayEquals(client.publicKey(), asked.get(0).clientPublicKey().orElseThrow());
        }
    }

    @Test
    void aLargeMessageTravels() {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            curveServer(pull, server);
            curveClient(push, client, server.publicKey());
            push.connect(pull.bind(Endpoints.tcp()));
            byte[] big = new byte[1_000_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
            }
            push.send(Message.of(big));
            assertArrayEquals(big, pull.receive(TIMEOUT).orElseThrow().first().toByteArray());
        }
    }

    @Test
    void aWrongServerKeyDeliversNothing() {
        MonitorEvents serverEvents = new MonitorEvents();
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            curveServer(pull, server);
            pull.monitor(serverEvents);
            curveClient(push, client, CurveKeyPair.generate().publicKey());
            push.connect(pull.bind(Endpoints.tcp()));
            push.send(Message.of("secret"), Duration.ZERO);
            assertEquals(0x11000001L,
                    serverEvents.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_PROTOCOL, TIMEOUT).value());
            assertFalse(pull.receive(Duration.ofMillis(300)).isPresent());
        }
    }

    @Test
    void aDeniedClientKeyIsRefusedWithAuthFailureOnBothSides() {
        MonitorEvents serverEvents = new MonitorEvents();
        MonitorEvents clientEvents = new MonitorEvents();
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            curveServer(pull, server);
            pull.set(SocketOptions.AUTHENTICATOR, request -> AuthenticationResult.deny("not on the list"));
            pull.monitor(serverEvents);
            push.monitor(clientEvents);
            curveClient(push, client, server.publicKey());
            push.connect(pull.bind(Endpoints.tcp()));
            push.send(Message.of("secret"), Duration.ZERO);
            assertEquals(400, serverEvents.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_AUTH, TIMEOUT).value());
            assertEquals(400, clientEvents.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_AUTH, TIMEOUT).value());
            assertFalse(pull.receive(Duration.ofMillis(300)).isPresent());
        }
    }

    @Test
    void messagesCarryTheSendersMetadata() {
        try (RouterSocket router = context.createRouter(); DealerSocket dealer = context.createDealer()) {
            curveServer(router, server);
            router.set(SocketOptions.AUTHENTICATOR, request -> AuthenticationResult.allow("alice",
                    java.util.Map.of("X-Team", "blue")));
            router.set(SocketOptions.METADATA, java.util.Map.of("X-Server", "s1"));
            dealer.set(SocketOptions.METADATA, java.util.Map.of("X-Client", "c1"));
            dealer.set(SocketOptions.ROUTING_ID, "dealer-7".getBytes(StandardCharsets.US_ASCII));
            curveClient(dealer, client, server.publicKey());
            dealer.connect(router.bind(Endpoints.tcp()));
            dealer.send(Message.of("hi"));
            Message got = router.receive(TIMEOUT).orElseThrow();
            assertEquals("alice", got.userId().orElseThrow());
            assertEquals("blue", got.peerProperty("X-Team").orElseThrow());
            assertEquals("c1", got.peerProperty("x-client").orElseThrow());
            assertEquals("DEALER", got.peerProperty("Socket-Type").orElseThrow());
            assertEquals("dealer-7", got.peerProperty("Identity").orElseThrow());
            assertEquals("127.0.0.1", got.peerProperty("Peer-Address").orElseThrow());
            router.send(Message.of("dealer-7", "back"));
            Message back = dealer.receive(TIMEOUT).orElseThrow();
            assertEquals("s1", back.peerProperty("X-Server").orElseThrow());
            assertEquals("ROUTER", back.peerProperty("Socket-Type").orElseThrow());
            assertFalse(back.userId().isPresent(), "a client does not authenticate its server");
        }
    }

    @Test
    void inprocMessagesCarryNoMetadata() {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            push.connect(pull.bind("inproc://no-metadata"));
            push.send(Message.of("x"));
            Message got = pull.receive(TIMEOUT).orElseThrow();
            assertFalse(got.peerMetadata().isPresent());
            assertFalse(got.peerProperty("Socket-Type").isPresent());
        }
    }

    @Test
    void pubSubAndHeartbeatsTravelSealed() {
        try (dev.meshmq.PubSocket pub = context.createPub(); dev.meshmq.SubSocket sub = context.createSub()) {
            curveServer(pub, server);
            pub.set(SocketOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(20));
            curveClient(sub, client, server.publicKey());
            sub.set(SocketOptions.HEARTBEAT_INTERVAL, Duration.ofMillis(20));
            sub.subscribe("news".getBytes(StandardCharsets.US_ASCII));
            sub.connect(pub.bind(Endpoints.tcp()));
            MonitorEvents subEvents = new MonitorEvents();
            sub.monitor(subEvents);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            java.util.Optional<Message> got = java.util.Optional.empty();
            while (got.isEmpty() && System.nanoTime() < deadline) {
                pub.send(Message.of("sports"));
                pub.send(Message.of("news 1"));
                got = sub.receive(Duration.ofMillis(50));
            }
            assertEquals("news 1", got.orElseThrow().string(0));
            assertFalse(sub.receive(Duration.ofMillis(300)).map(m -> m.string(0)).filter(t -> !t.startsWith("news"))
                    .isPresent());
            assertEquals(0, subEvents.count(MonitorEventType.DISCONNECTED), "heartbeats kept it up");
        }
    }

    @ParameterizedTest(name = "curve {0}")
    @ValueSource(booleans = {false, true})
    void aPublisherThatReconnectsServesTheNewSubscriber(boolean curve) {
        try (dev.meshmq.PubSocket pub = context.createPub()) {
            if (curve) {
                curveClient(pub, client, server.publicKey());
            }
            pub.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(20));
            String endpoint;
            try (dev.meshmq.SubSocket first = context.createSub()) {
                endpoint = subscribeAndReceive(pub, first, "tcp://127.0.0.1:*", "a", curve);
            }
            try (dev.meshmq.SubSocket second = context.createSub()) {
                subscribeAndReceive(pub, second, endpoint, "b", curve);
            }
        }
    }

    private String subscribeAndReceive(dev.meshmq.PubSocket pub, dev.meshmq.SubSocket sub, String endpoint,
            String topic, boolean curve) {
        if (curve) {
            curveServer(sub, server);
        }
        sub.subscribe(topic.getBytes(StandardCharsets.US_ASCII));
        String bound = sub.bind(endpoint);
        if (endpoint.endsWith("*")) {
            pub.connect(bound);
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        java.util.Optional<Message> got = java.util.Optional.empty();
        while (got.isEmpty() && System.nanoTime() < deadline) {
            pub.send(Message.of(topic + " news"));
            got = sub.receive(Duration.ofMillis(50));
        }
        assertEquals(topic + " news", got.orElseThrow().string(0));
        return bound;
    }
}
