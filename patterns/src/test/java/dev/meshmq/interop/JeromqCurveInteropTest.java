package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.MonitorEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * CURVE against JeroMQ 0.6.0 in the same JVM: MeshMQ as server and as client, each side binding in
 * turn, a request and its reply; a client with a wrong server key gets nothing through, and the
 * MeshMQ side sees the handshake fail (so a connection that never handshook cannot pass for a
 * refusal).
 *
 * <p>Where JeroMQ connects, the case runs through {@link JeromqPeer#retryingConnectStalls}: JeroMQ
 * 0.6.0 leaves a few percent of fresh tcp connects stalled for good (it never sends its greeting nor
 * reads MeshMQ's first 11 bytes; measured 11 of 300 fresh JeroMQ REQ connects to a JeroMQ REP and 13
 * of 300 to a libzmq REP, each in its own process, no MeshMQ involved). Where MeshMQ connects, nothing
 * is retried.
 */
class JeromqCurveInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @ParameterizedTest(name = "MeshMQ {0}, {1} binds, right key {2}")
    @CsvSource({"server, server, true", "server, client, true", "client, server, true", "client, client, true",
        "server, server, false", "client, server, false"})
    void curveWithJeromq(String meshRole, String binder, boolean rightKey) {
        boolean meshBinds = meshRole.equals(binder);
        Runnable scenario = () -> exchange("server".equals(meshRole), meshBinds, rightKey);
        if (meshBinds) {
            JeromqPeer.retryingConnectStalls(scenario);
        } else {
            scenario.run();
        }
    }

    private static void exchange(boolean meshServer, boolean meshBinds, boolean rightKey) {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        byte[] serverKeyUsed = rightKey ? server.publicKey() : CurveKeyPair.generate().publicKey();
        ZMQ.Context jeromq = ZMQ.context(1);
        MonitorEvents events = new MonitorEvents();
        try (Context context = Context.create()) {
            ZMQ.Socket peer = jeromq.socket(meshServer ? SocketType.REQ : SocketType.REP);
            peer.setLinger(0);
            peer.setReceiveTimeOut(rightKey ? (int) TIMEOUT.toMillis() : 1000);
            Socket mesh = meshServer ? context.createRep() : context.createReq();
            mesh.monitor(events);
            if (meshServer) {
                peer.setCurvePublicKey(client.publicKey());
                peer.setCurveSecretKey(client.secretKey());
                peer.setCurveServerKey(serverKeyUsed);
                mesh.set(SocketOptions.CURVE_SERVER, true);
                mesh.set(SocketOptions.CURVE_SECRET_KEY, server.secretKey());
            } else {
                peer.setCurveServer(true);
                peer.setCurveSecretKey(server.secretKey());
                peer.setCurvePublicKey(server.publicKey());
                mesh.set(SocketOptions.CURVE_SECRET_KEY, client.secretKey());
                mesh.set(SocketOptions.CURVE_PUBLIC_KEY, client.publicKey());
                mesh.set(SocketOptions.CURVE_SERVER_KEY, serverKeyUsed);
            }
            if (meshBinds) {
                peer.connect(mesh.bind("tcp://127.0.0.1:*"));
            } else {
                int port = peer.bindToRandomPort("tcp://127.0.0.1");
                mesh.connect("tcp://127.0.0.1:" + port);
            }
            if (meshServer) {
                serveOne(peer, (RepSocket) mesh, rightKey, events);
            } else {
                askOne(peer, (ReqSocket) mesh, rightKey, events);
            }
            mesh.close();
            peer.close();
        } finally {
            JeromqTerm.terminate(jeromq);
        }
    }

    private static void serveOne(ZMQ.Socket peer, RepSocket mesh, boolean rightKey, MonitorEvents events) {
        assertTrue(peer.send("ping"));
        if (!rightKey) {
            // the HELLO is boxed for another server key: MeshMQ cannot open it
            events.awaitEvent(MonitorEventType.HANDSHAKE_FAILED_PROTOCOL, TIMEOUT);
            assertFalse(mesh.receive(Duration.ofMillis(300)).isPresent(), "request delivered under a wrong key");
            assertEquals(0, events.count(MonitorEventType.HANDSHAKE_SUCCEEDED));
            return;
        }
        var request = mesh.receive(TIMEOUT);
        assertTrue(request.isPresent(), "request delivered; MeshMQ events " + events.types());
        mesh.send(Message.of("pong:" + request.get().string(0)));
        assertEquals("pong:ping", peer.recvStr());
    }

    private static void askOne(ZMQ.Socket peer, ReqSocket req, boolean rightKey, MonitorEvents events) {
        assertTrue(req.send(Message.of("ping"), TIMEOUT));
        if (!rightKey) {
            // JeroMQ cannot open the HELLO and drops the connection: MeshMQ sees it go, never ready
            Awaitility.await().atMost(TIMEOUT).until(() -> events.count(MonitorEventType.DISCONNECTED)
                    + events.count(MonitorEventType.HANDSHAKE_FAILED_NO_DETAIL)
                    + events.count(MonitorEventType.HANDSHAKE_FAILED_PROTOCOL) > 0);
            assertNull(peer.recv(), "JeroMQ received a request under a wrong server key");
            assertFalse(req.receive(Duration.ofMillis(300)).isPresent());
            assertEquals(0, events.count(MonitorEventType.HANDSHAKE_SUCCEEDED), "events " + events.types());
            return;
        }
        byte[] got = peer.recv();
        assertEquals("ping", new String(got, StandardCharsets.UTF_8));
        assertTrue(peer.send("pong:ping"));
        assertEquals("pong:ping", req.receive(TIMEOUT).orElseThrow().string(0));
    }
}
