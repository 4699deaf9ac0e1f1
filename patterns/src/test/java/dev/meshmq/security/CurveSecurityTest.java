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
}
