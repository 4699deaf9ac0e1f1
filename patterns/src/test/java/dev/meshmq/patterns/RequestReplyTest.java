package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DealerSocket;
import dev.meshmq.Message;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketStateException;
import dev.meshmq.testsupport.Endpoints;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** REQ and REP: envelopes, alternation, round-robin, correlation and relaxed mode. */
class RequestReplyTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void reqAndRepExchangeRequestsAndReplies(String transport) {
        Context context = newContext();
        RepSocket rep = context.createRep();
        ReqSocket req = context.createReq();
        req.connect(rep.bind(Endpoints.fresh(transport)));
        for (int i = 0; i < 20; i++) {
            req.send(Message.of("request " + i, "part two"));
            Message request = rep.receive(TIMEOUT).orElseThrow();
            assertEquals(Message.of("request " + i, "part two"), request, "REP hands over the body only");
            rep.send(Message.of("reply " + i));
            assertEquals("reply " + i, req.receive(TIMEOUT).orElseThrow().string(0));
        }
    }

    @Test
    void reqAndRepEnforceAlternationWithASpecificException() {
        Context context = newContext();
        RepSocket rep = context.createRep();
        ReqSocket req = context.createReq();
        req.connect(rep.bind(Endpoints.fresh("inproc")));
        assertThrows(SocketStateException.class, req::tryReceive, "REQ cannot receive before sending");
        assertThrows(SocketStateException.class, () -> rep.trySend(Message.of("x")), "REP cannot reply first");
        req.send("one");
        assertThrows(SocketStateException.class, () -> req.trySend(Message.of("two")), "one request at a time");
        rep.receive(TIMEOUT).orElseThrow();
        assertThrows(SocketStateException.class, rep::tryReceive, "REP must reply before the next request");
        rep.send("answer");
        assertEquals("answer", req.receive(TIMEOUT).orElseThrow().string(0));
        req.send("two");
        assertEquals("two", rep.receive(TIMEOUT).orElseThrow().string(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void reqSendsOnTheWireAnEmptyDelimiterThenTheBody(String transport) {
        Context context = newContext();
        RouterSocket router = context.createRouter();
        ReqSocket req = context.createReq();
        req.set(SocketOptions.ROUTING_ID, "client".getBytes(StandardCharsets.US_ASCII));
        req.connect(router.bind(Endpoints.fresh(transport)));
        req.send("ping");
        Message seen = router.receive(TIMEOUT).orElseThrow();
        assertEquals(Message.of("client", "", "ping"), seen);
        router.send(Message.of("client", "", "pong"));
        assertEquals(Message.of("pong"), req.receive(TIMEOUT).orElseThrow());
    }

    @Test
    void reqRoundRobinsRequestsOverItsPeers() {
        Context context = newContext();
        RepSocket first = context.createRep();
        RepSocket second = context.createRep();
        ReqSocket req = context.createReq();
        req.connect(first.bind(Endpoints.fresh("inproc")));
        req.connect(second.bind(Endpoints.fresh("inproc")));
        Set<RepSocket> answered = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            req.send("r" + i);
            RepSocket replier = i % 2 == 0 ? first : second;
            assertEquals("r" + i, replier.receive(TIMEOUT).orElseThrow().string(0), "request " + i);
            replier.send("ok");
            req.receive(TIMEOUT).orElseThrow();
            answered.add(replier);
        }
        assertEquals(2, answered.size());
    }

    @Test
    void reqAcceptsTheReplyOnlyFromThePeerItAsked() {
        Context context = newContext();
        RouterSocket asked = context.createRouter();
        RouterSocket other = context.createRouter();
        ReqSocket req = context.createReq();
        req.set(SocketOptions.ROUTING_ID, "req".getBytes(StandardCharsets.US_ASCII));
        req.set(SocketOptions.PROBE_ROUTER, true);
        req.connect(asked.bind(Endpoints.fresh("tcp")));
        req.connect(other.bind(Endpoints.fresh("tcp")));
        assertEquals(Message.of("req", ""), asked.receive(TIMEOUT).orElseThrow(), "probe to the first");
        assertEquals(Message.of("req", ""), other.receive(TIMEOUT).orElseThrow(), "probe to the second");
        req.send("question");
        assertEquals(Message.of("req", "", "question"), asked.receive(TIMEOUT).orElseThrow());
        other.send(Message.of("req", "", "impostor"));
        asked.send(Message.of("req", "", "answer"));
        assertEquals("answer", req.receive(TIMEOUT).orElseThrow().string(0));
    }

    @Test
    void relaxedAndCorrelatedReqRecoversFromALostReplyAndDiscardsTheLateOne() {
        Context context = newContext();
        RouterSocket server = context.createRouter();
        ReqSocket req = context.createReq();
        req.set(SocketOptions.REQ_RELAXED, true);
        req.set(SocketOptions.REQ_CORRELATE, true);
        req.connect(server.bind(Endpoints.fresh("tcp")));
        req.send("first");
        Message first = server.receive(TIMEOUT).orElseThrow();
        assertEquals(4, first.frame(1).size(), "a 4-byte request id before the delimiter");
        assertTrue(first.frame(2).isEmpty());
        req.send("second");
        Message second = server.receive(TIMEOUT).orElseThrow();
        assertEquals("second", second.string(3));
        byte[] firstId = first.frame(1).toByteArray();
        byte[] secondId = second.frame(1).toByteArray();
        assertFalse(java.util.Arrays.equals(firstId, secondId));
        assertEquals(Integer.toUnsignedLong(littleEndian(firstId)) + 1, Integer.toUnsignedLong(littleEndian(secondId)),
                "ids count up by one, little-endian as libzmq writes them on x86");
        server.send(Message.of(first.frame(0), first.frame(1), first.frame(2), dev.meshmq.Frame.of("late")));
        server.send(Message.of(second.frame(0), second.frame(1), second.frame(2), dev.meshmq.Frame.of("fresh")));
        assertEquals("fresh", req.receive(TIMEOUT).orElseThrow().string(0));
    }

    private static int littleEndian(byte[] bytes) {
        return (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24;
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void repKeepsAMultiHopEnvelopeThroughARouterDealerProxy(String transport) {
        Context context = newContext();
        RouterSocket frontend = context.createRouter();
        DealerSocket backend = context.createDealer();
        RepSocket rep = context.createRep();
        ReqSocket req = context.createReq();
        req.connect(frontend.bind(Endpoints.fresh(transport)));
        rep.connect(backend.bind(Endpoints.fresh(transport)));
        req.send("through the proxy");
        backend.send(frontend.receive(TIMEOUT).orElseThrow());
        Message request = rep.receive(TIMEOUT).orElseThrow();
        assertEquals(Message.of("through the proxy"), request);
        rep.send("back again");
        Message reply = backend.receive(TIMEOUT).orElseThrow();
        assertEquals(3, reply.size(), "routing id, delimiter, body");
        frontend.send(reply);
        assertEquals("back again", req.receive(TIMEOUT).orElseThrow().string(0));
    }
}
