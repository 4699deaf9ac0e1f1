package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.Message;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.SocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * CURVE against JeroMQ 0.6.0 in the same JVM: MeshMQ as server and as client, each side binding in
 * turn, a request and its reply; a client with a wrong server key gets nothing through.
 */
class JeromqCurveInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @ParameterizedTest(name = "MeshMQ {0}, {1} binds, right key {2}")
    @CsvSource({"server, server, true", "server, client, true", "client, server, true", "client, client, true",
        "server, server, false", "client, server, false"})
    void curveWithJeromq(String meshRole, String binder, boolean rightKey) {
        boolean meshServer = "server".equals(meshRole);
        boolean meshBinds = meshRole.equals(binder);
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        byte[] serverKeyUsed = rightKey ? server.publicKey() : CurveKeyPair.generate().publicKey();
        ZMQ.Context jeromq = ZMQ.context(1);
        try (Context context = Context.create()) {
            ZMQ.Socket peer = jeromq.socket(meshServer ? SocketType.REQ : SocketType.REP);
            peer.setLinger(0);
            peer.setReceiveTimeOut(rightKey ? (int) TIMEOUT.toMillis() : 1000);
            if (meshServer) {
                peer.setCurvePublicKey(client.publicKey());
                peer.setCurveSecretKey(client.secretKey());
                peer.setCurveServerKey(serverKeyUsed);
            } else {
                peer.setCurveServer(true);
                peer.setCurveSecretKey(server.secretKey());
                peer.setCurvePublicKey(server.publicKey());
            }
            var mesh = meshServer ? context.createRep() : context.createReq();
            if (meshServer) {
                mesh.set(SocketOptions.CURVE_SERVER, true);
                mesh.set(SocketOptions.CURVE_SECRET_KEY, server.secretKey());
            } else {
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
                assertTrue(peer.send("ping"));
                var request = ((RepSocket) mesh).receive(rightKey ? TIMEOUT : Duration.ofMillis(1000));
                assertEquals(rightKey, request.isPresent(), "request delivered");
                if (rightKey) {
                    mesh.send(Message.of("pong:" + request.get().string(0)));
                    assertEquals("pong:ping", peer.recvStr());
                }
            } else {
                ReqSocket req = (ReqSocket) mesh;
                assertTrue(req.send(Message.of("ping"), TIMEOUT));
                byte[] got = peer.recv();
                if (rightKey) {
                    assertEquals("ping", new String(got, StandardCharsets.UTF_8));
                    assertTrue(peer.send("pong:ping"));
                    assertEquals("pong:ping", req.receive(TIMEOUT).orElseThrow().string(0));
                } else {
                    assertNull(got, "JeroMQ received a request under a wrong server key");
                    assertFalse(req.receive(Duration.ofMillis(300)).isPresent());
                }
            }
            mesh.close();
            peer.close();
        } finally {
            JeromqTerm.terminate(jeromq);
        }
    }
}
