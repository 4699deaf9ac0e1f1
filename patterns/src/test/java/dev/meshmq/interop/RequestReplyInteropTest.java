package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DealerSocket;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REQ/REP and DEALER/ROUTER against libzmq 4.3.4 (python3-zmq) over tcp and ipc, each side binding in
 * turn, with explicit and automatic routing ids, and a multi-hop request through a MeshMQ
 * ROUTER/DEALER proxy between a libzmq REQ and a libzmq REP.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestReplyInteropTest {

    private static final Duration STEP = InteropScenario.STEP;
    private static final HexFormat HEX = HexFormat.of();
    private static final List<String> REQUESTS = List.of(token("first"), token("second") + ":" + token("part"));

    private Context context;
    private String endpoint;

    @BeforeAll
    static void requirePeer() {
        PythonPeer.requireLibzmq();
    }

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
        if (endpoint != null) {
            Endpoints.deleteIpcFile(endpoint);
        }
    }

    static Stream<Arguments> transportsAndBinders() {
        return Stream.of(Arguments.of("tcp", true), Arguments.of("tcp", false), Arguments.of("ipc", true),
                Arguments.of("ipc", false));
    }

    private static String token(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private String freshEndpoint(String transport) {
        endpoint = "ipc".equals(transport) ? Endpoints.ipc() : Endpoints.tcp();
        return endpoint;
    }

    /** Binds {@code socket} or has the peer bind, and returns the started peer. */
    private InteropPeer attach(Socket socket, String transport, boolean meshBinds, String type, PeerRole role,
            List<String> messages, String routingId) {
        String where = freshEndpoint(transport);
        if (meshBinds) {
            String bound = socket.bind(where);
            return PythonPeer.start(new PeerSpec(type, false, bound, role, messages, routingId));
        }
        InteropPeer peer = PythonPeer.start(new PeerSpec(type, true, where, role, messages, routingId));
        socket.connect(peer.awaitPrefix("BOUND ", STEP));
        return peer;
    }

    @ParameterizedTest(name = "{0}, MeshMQ binds: {1}")
    @MethodSource("transportsAndBinders")
    void meshReqToLibzmqRep(String transport, boolean meshBinds) {
        ReqSocket req = context.createReq();
        try (InteropPeer rep = attach(req, transport, meshBinds, "REP", PeerRole.ECHO, REQUESTS, "")) {
            for (String request : REQUESTS) {
                req.send(PeerFormat.parse(request));
                assertEquals(PeerFormat.line(request), rep.awaitLine(STEP), "libzmq REP sees the body only");
                assertEquals(PeerFormat.parse(request), req.receive(STEP).orElseThrow());
            }
            rep.awaitDone(STEP);
        }
    }

    @ParameterizedTest(name = "{0}, MeshMQ binds: {1}")
    @MethodSource("transportsAndBinders")
    void libzmqReqToMeshRep(String transport, boolean meshBinds) {
        RepSocket rep = context.createRep();
        try (InteropPeer req = attach(rep, transport, meshBinds, "REQ", PeerRole.REQUEST, REQUESTS, "")) {
            for (String request : REQUESTS) {
                assertEquals(PeerFormat.parse(request), rep.receive(STEP).orElseThrow());
                rep.send(Message.of("reply"));
                assertEquals(PeerFormat.line(token("reply")), req.awaitLine(STEP));
            }
            req.awaitDone(STEP);
        }
    }

    @ParameterizedTest(name = "{0}, MeshMQ binds: {1}")
    @MethodSource("transportsAndBinders")
    void meshDealerWithExplicitIdToLibzmqRouter(String transport, boolean meshBinds) {
        DealerSocket dealer = context.createDealer();
        dealer.set(SocketOptions.ROUTING_ID, "dealer-1".getBytes(StandardCharsets.US_ASCII));
        try (InteropPeer router = attach(dealer, transport, meshBinds, "ROUTER", PeerRole.ECHO, REQUESTS, "")) {
            for (String request : REQUESTS) {
                dealer.send(PeerFormat.parse(request));
                assertEquals(PeerFormat.line(token("dealer-1") + ":" + request), router.awaitLine(STEP),
                        "libzmq ROUTER sees MeshMQ's Identity as the routing id");
                assertEquals(PeerFormat.parse(request), dealer.receive(STEP).orElseThrow());
            }
            router.awaitDone(STEP);
        }
    }

    @ParameterizedTest(name = "{0}, MeshMQ binds: {1}")
    @MethodSource("transportsAndBinders")
    void libzmqDealerToMeshRouterWithExplicitAndAutomaticIds(String transport, boolean meshBinds) {
        for (String routingId : List.of(token("zmq-dealer"), "")) {
            RouterSocket router = context.createRouter();
            try (InteropPeer dealer = attach(router, transport, meshBinds, "DEALER", PeerRole.REQUEST, REQUESTS,
                    routingId)) {
                for (String request : REQUESTS) {
                    Message received = router.receive(STEP).orElseThrow();
                    if (routingId.isEmpty()) {
                        assertEquals(5, received.frame(0).size(), "automatic id");
                        assertEquals(0, received.frame(0).byteAt(0));
                    } else {
                        assertTrue(received.frame(0).contentEquals(HEX.parseHex(routingId)), "explicit id");
                    }
                    assertEquals(PeerFormat.parse(request), Message.of(received.frames().subList(1, received.size())));
                    router.send(Message.of(received.frame(0), Frame.of("reply")));
                    assertEquals(PeerFormat.line(token("reply")), dealer.awaitLine(STEP));
                }
                dealer.awaitDone(STEP);
            } finally {
                router.close();
            }
        }
    }

    @Test
    void libzmqReqThroughMeshRouterDealerProxyToLibzmqRep() {
        RouterSocket frontend = context.createRouter();
        DealerSocket backend = context.createDealer();
        String front = frontend.bind(Endpoints.tcp());
        String back = backend.bind(Endpoints.ipc());
        endpoint = back;
        try (InteropPeer rep = PythonPeer.start(new PeerSpec("REP", false, back, PeerRole.ECHO, REQUESTS));
                InteropPeer req = PythonPeer.start(new PeerSpec("REQ", false, front, PeerRole.REQUEST, REQUESTS))) {
            for (String request : REQUESTS) {
                Message inbound = frontend.receive(STEP).orElseThrow();
                assertEquals(2 + PeerFormat.parse(request).size(), inbound.size(), "id, delimiter, body");
                backend.send(inbound);
                assertEquals(PeerFormat.line(request), rep.awaitLine(STEP));
                frontend.send(backend.receive(STEP).orElseThrow());
                assertEquals(PeerFormat.line(request), req.awaitLine(STEP), "the echo came back through two hops");
            }
            req.awaitDone(STEP);
            rep.awaitDone(STEP);
        }
    }
}
