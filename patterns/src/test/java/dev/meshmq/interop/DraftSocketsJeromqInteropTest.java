package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.ChannelSocket;
import dev.meshmq.Context;
import dev.meshmq.GatherSocket;
import dev.meshmq.Message;
import dev.meshmq.PeerSocket;
import dev.meshmq.ScatterSocket;
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
 * SCATTER/GATHER, PEER and CHANNEL against JeroMQ 0.6.0 over tcp, each side binding in turn. These are
 * draft types in libzmq, and Debian's libzmq 4.3.4 is built without the draft API: pyzmq creates such
 * a socket, but libzmq aborts on an assertion (mechanism.cpp, the socket-type name table) as soon
 * as one handshakes over tcp, even with another libzmq. JeroMQ, which has all four, is the peer.
 * Cases where JeroMQ connects go through {@link JeromqPeer#retryingConnectStalls}, as its connects
 * stall now and then without MeshMQ.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DraftSocketsJeromqInteropTest {

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

    private static ZMQ.Socket jeromqSocket(ZMQ.Context jeromq, SocketType type) {
        ZMQ.Socket socket = jeromq.socket(type);
        socket.setReceiveTimeOut(STEP_MILLIS);
        socket.setSendTimeOut(STEP_MILLIS);
        socket.setLinger(0);
        return socket;
    }

    /** Runs a case; a case in which JeroMQ connects is retried on JeroMQ's own connect stalls. */
    private static void run(boolean meshBinds, Runnable scenario) {
        if (meshBinds) {
            JeromqPeer.retryingConnectStalls(scenario);
        } else {
            scenario.run();
        }
    }

    @ParameterizedTest(name = "MeshMQ binds: {0}")
    @ValueSource(booleans = {true, false})
    void meshScatterFeedsJeromqGather(boolean meshBinds) {
        run(meshBinds, () -> {
            try (ZMQ.Context jeromq = ZMQ.context(1);
                    ScatterSocket scatter = context.createScatter();
                    ZMQ.Socket gather = jeromqSocket(jeromq, SocketType.GATHER)) {
                connect(meshBinds, scatter, gather);
                for (int i = 0; i < 3; i++) {
                    assertTrue(scatter.send(Message.of("job " + i), STEP), "no JeroMQ GATHER attached");
                    assertEquals("job " + i, gather.recvStr());
                }
            }
        });
    }

    @ParameterizedTest(name = "MeshMQ binds: {0}")
    @ValueSource(booleans = {true, false})
    void jeromqScatterFeedsMeshGather(boolean meshBinds) {
        run(meshBinds, () -> {
            try (ZMQ.Context jeromq = ZMQ.context(1);
                    GatherSocket gather = context.createGather();
                    ZMQ.Socket scatter = jeromqSocket(jeromq, SocketType.SCATTER)) {
                connect(meshBinds, gather, scatter);
                for (int i = 0; i < 3; i++) {
                    assertTrue(scatter.send("result " + i));
                    assertEquals("result " + i, gather.receive(STEP).orElseThrow().string(0));
                }
            }
        });
    }

    @ParameterizedTest(name = "MeshMQ binds: {0}")
    @ValueSource(booleans = {true, false})
    void channelsTalkBothWays(boolean meshBinds) {
        run(meshBinds, () -> {
            try (ZMQ.Context jeromq = ZMQ.context(1);
                    ChannelSocket mesh = context.createChannel();
                    ZMQ.Socket other = jeromqSocket(jeromq, SocketType.CHANNEL)) {
                connect(meshBinds, mesh, other);
                assertTrue(mesh.send(Message.of("ping"), STEP));
                assertEquals("ping", other.recvStr());
                assertTrue(other.send("pong"));
                assertEquals("pong", mesh.receive(STEP).orElseThrow().string(0));
            }
        });
    }

    @ParameterizedTest(name = "MeshMQ binds: {0}")
    @ValueSource(booleans = {true, false})
    void peersAddressEachOtherByRoutingId(boolean meshBinds) {
        run(meshBinds, () -> {
            try (ZMQ.Context jeromq = ZMQ.context(1);
                    PeerSocket mesh = context.createPeer();
                    ZMQ.Socket other = jeromqSocket(jeromq, SocketType.PEER)) {
                if (meshBinds) {
                    int meshId = other.connectPeer(mesh.bind(Endpoints.tcp()));
                    assertNotEquals(0, meshId);
                    Msg hello = new Msg("hello mesh".getBytes(StandardCharsets.UTF_8));
                    hello.setRoutingId(meshId);
                    assertTrue(other.sendMsg(hello, 0));
                    Message received = mesh.receive(STEP).orElseThrow();
                    assertEquals("hello mesh", received.string(0));
                    mesh.send(Message.of("hello jeromq").withRoutingId(received.routingId()));
                    Msg reply = other.recvMsg(0);
                    assertNotNull(reply, "JeroMQ PEER received nothing");
                    assertEquals("hello jeromq", new String(reply.data(), StandardCharsets.UTF_8));
                    assertEquals(meshId, reply.getRoutingId());
                } else {
                    other.bind("tcp://127.0.0.1:*");
                    int jeromqId = mesh.connectPeer(other.getLastEndpoint());
                    assertTrue(mesh.send(Message.of("hello jeromq").withRoutingId(jeromqId), STEP));
                    Msg received = other.recvMsg(0);
                    assertNotNull(received, "JeroMQ PEER received nothing");
                    assertEquals("hello jeromq", new String(received.data(), StandardCharsets.UTF_8));
                    Msg reply = new Msg("hello mesh".getBytes(StandardCharsets.UTF_8));
                    reply.setRoutingId(received.getRoutingId());
                    assertTrue(other.sendMsg(reply, 0));
                    Message back = mesh.receive(STEP).orElseThrow();
                    assertEquals("hello mesh", back.string(0));
                    assertEquals(jeromqId, back.routingId());
                }
            }
        });
    }

    private static void connect(boolean meshBinds, dev.meshmq.Socket mesh, ZMQ.Socket jeromq) {
        if (meshBinds) {
            jeromq.connect(mesh.bind(Endpoints.tcp()));
        } else {
            jeromq.bind("tcp://127.0.0.1:*");
            mesh.connect(jeromq.getLastEndpoint());
        }
    }
}
