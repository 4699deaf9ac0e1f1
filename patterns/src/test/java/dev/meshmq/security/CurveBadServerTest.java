package dev.meshmq.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.MonitorEvents;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile CURVE servers against a MeshMQ CURVE client: a malformed, tampered or misplaced WELCOME or
 * READY fails the handshake with the protocol error libzmq reports, and the client does not go on.
 */
class CurveBadServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What the raw server answers, each with the HANDSHAKE_FAILED_PROTOCOL value it must cause. */
    enum ServerAttack {
        WELCOME_SHORT(0x10000017), WELCOME_TAMPERED_MAC(0x11000001), HELLO_SENT_TO_CLIENT(0x10000001),
        READY_SHORT(0x10000016), READY_TAMPERED_MAC(0x11000001), READY_BAD_METADATA(0x10000016),
        READY_BEFORE_WELCOME(0x10000001);

        final long code;

        ServerAttack(long code) {
            this.code = code;
        }
    }

    @ParameterizedTest
    @EnumSource(ServerAttack.class)
    void aBadServerFailsTheClientsHandshake(ServerAttack attack) throws Exception {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        MonitorEvents events = new MonitorEvents();
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Context context = Context.create(); PushSocket push = context.createPush()) {
            push.set(SocketOptions.CURVE_SERVER_KEY, server.publicKey());
            push.set(SocketOptions.CURVE_SECRET_KEY, client.secretKey());
            push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(-1));
            push.monitor(events);
            push.connect("tcp://127.0.0.1:" + listener.getLocalPort());
            try (RawCurve raw = new RawCurve(listener.accept())) {
                raw.greet();
                byte[] hello = raw.readFrame();
                answer(raw, attack, server, Arrays.copyOfRange(hello, 6, hello.length));
                assertTrue(raw.closedByPeer(), "the client kept the connection open");
            }
            assertEquals(attack.code, events.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_PROTOCOL, TIMEOUT).value());
        }
    }

    private static void answer(RawCurve raw, ServerAttack attack, CurveKeyPair server, byte[] hello)
            throws Exception {
        byte[] clientShort = Arrays.copyOfRange(hello, 74, 106);
        CurveKeyPair shortTerm = CurveKeyPair.generate();
        byte[] welcomeNonce = ByteBuffer.allocate(24).put(RawCurve.ascii("WELCOME-")).put(new byte[16]).array();
        byte[] welcomePlain = ByteBuffer.allocate(128).put(shortTerm.publicKey()).put(new byte[96]).array();
        byte[] welcome = ByteBuffer.allocate(160).put(welcomeNonce, 8, 16)
                .put(RawCurve.box(clientShort, server.secretKey(), welcomeNonce, welcomePlain)).array();
        switch (attack) {
            case WELCOME_SHORT -> raw.command("WELCOME", Arrays.copyOf(welcome, 150));
            case WELCOME_TAMPERED_MAC -> {
                welcome[100] ^= 1;
                raw.command("WELCOME", welcome);
            }
            case HELLO_SENT_TO_CLIENT -> raw.command("HELLO", hello);
            case READY_BEFORE_WELCOME -> raw.command("READY", new byte[30]);
            default -> {
                raw.command("WELCOME", welcome);
                raw.readFrame();
                byte[] metadata = attack == ServerAttack.READY_BAD_METADATA
                        ? new byte[] {11, 'S', 'o', 'c', 'k', 'e', 't', '-', 'T', 'y', 'p', 'e', 0, 0, 0, 9}
                        : RawCurve.ascii("");
                byte[] readyNonce = RawCurve.nonce(RawCurve.READY_PREFIX, 1);
                byte[] box = RawCurve.box(clientShort, shortTerm.secretKey(), readyNonce, metadata);
                byte[] ready = ByteBuffer.allocate(8 + box.length).putLong(1).put(box).array();
                if (attack == ServerAttack.READY_TAMPERED_MAC) {
                    ready[ready.length - 1] ^= 1;
                } else if (attack == ServerAttack.READY_SHORT) {
                    ready = Arrays.copyOf(ready, 20);
                }
                raw.command("READY", ready);
            }
        }
    }
}
