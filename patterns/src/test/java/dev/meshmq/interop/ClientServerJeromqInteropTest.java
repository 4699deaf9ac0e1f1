package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.ClientSocket;
import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.ServerSocket;
import dev.meshmq.testsupport.Endpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import zmq.Msg;

/**
 * CLIENT/SERVER against JeroMQ 0.6.0 over tcp, each side binding in turn. Debian's libzmq is built
 * without draft sockets (CLIENT/SERVER abort it on tcp), so JeroMQ is the peer here. Cases where
 * JeroMQ connects go through {@link JeromqPeer#retryingConnectStalls}, as its connects stall now and
 * then without MeshMQ.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientServerJeromqInteropTest {

    private static final Duration STEP = InteropScenario.STEP;
    private static final int STEP_MILLIS = (int) STEP.toMillis();

    private Context context;

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
    }

    /** Each attempt gets a JeroMQ context of its own: a stalled JeroMQ connect is not retried in it. */
    private static ZMQ.Socket jeromqSocket(ZMQ.Context jeromq, SocketType type) {
        ZMQ.Socket socket = jeromq.socket(type);
        socket.setReceiveTimeOut(STEP_MILLIS);
        socket.setSendTimeOut(STEP_MILLIS);
        socket.setLinger(0);
        return socket;
    }

    @ParameterizedTest(name = "MeshMQ binds: {0}")
    @ValueSource(booleans = {true, false})
    void meshClientTalksToJeromqServer(boolean meshBinds) {
        Runnable scenario = () -> {
            try (ZMQ.Context jeromq = ZMQ.context(1);
                    ClientSocket client = context.createClient();
                    ZMQ.Socket server = jeromqSocket(jeromq, SocketType.SERVER)) {
                if (meshBinds) {
                    server.connect(client.bind(Endpoints.tcp()));
                } else {
                    server.bind("tcp://127.0.0.1:*");
                    client.connect(server.getLastEndpoint());
                }
                for (int i = 0; i < 3; i++) {
                    assertTrue(client.send(Message.of("request " + i), STEP), "no JeroMQ SERVER attached");
                    Msg request = server.recvMsg(0);
                    assertNotNull(request, "JeroMQ SERVER received nothing");
                    assertEquals("request " + i, new String(request.data(), StandardCharsets.UTF_8));
                    assertNotEquals(0, request.getRoutingId());
                    Msg reply = new Msg(("reply " + i).getBytes(StandardCharsets.UTF_8));
                    reply.setRoutingId(request.getRoutingId());
                    assertTrue(server.sendMsg(reply, 0));
                    assertEquals("reply " + i, client.receive(STEP).orElseThrow().string(0));
                }
            }
        };
        if (meshBinds) {
            JeromqPeer.retryingConnectStalls(scenario);
        } else {
            scenario.run();
        }
    }

    @ParameterizedTest(name = "MeshMQ binds: {0}")
    @ValueSource(booleans = {true, false})
    void jeromqClientTalksToMeshServer(boolean meshBinds) {
        Runnable scenario = () -> {
            try (ZMQ.Context jeromq = ZMQ.context(1);
                    ServerSocket server = context.createServer();
                    ZMQ.Socket client = jeromqSocket(jeromq, SocketType.CLIENT)) {
                if (meshBinds) {
                    client.connect(server.bind(Endpoints.tcp()));
                } else {
                    client.bind("tcp://127.0.0.1:*");
                    server.connect(client.getLastEndpoint());
                }
                for (int i = 0; i < 3; i++) {
                    assertTrue(client.send("request " + i));
                    Message request = server.receive(STEP).orElseThrow();
                    assertEquals("request " + i, request.string(0));
                    assertTrue(server.send(Message.of("reply " + i).withRoutingId(request.routingId()), STEP));
                    byte[] reply = client.recv(0);
                    assertNotNull(reply, "JeroMQ CLIENT received no reply");
                    assertEquals("reply " + i, new String(reply, StandardCharsets.UTF_8));
                }
            }
        };
        if (meshBinds) {
            JeromqPeer.retryingConnectStalls(scenario);
        } else {
            scenario.run();
        }
    }
}
