package dev.meshmq.faults;

import static dev.meshmq.MonitorEventType.DISCONNECTED;
import static dev.meshmq.MonitorEventType.HANDSHAKE_SUCCEEDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketStateException;
import dev.meshmq.testsupport.FaultyRelay;
import dev.meshmq.testsupport.MonitorEvents;
import org.junit.jupiter.api.Test;

/**
 * A request lost with its connection: a strict REQ waits for a reply that will never come (it refuses a
 * new request), while a REQ with REQ_RELAXED and REQ_CORRELATE sends a new request after the reconnect and
 * gets the reply to that one only.
 */
class ReqRecoveryTest extends FaultTestSupport {

    @Test
    void relaxedAndCorrelatedReqRecoversFromARequestLostInAReset() throws Exception {
        Context context = newContext();
        RepSocket rep = context.createRep();
        String endpoint = rep.bind("tcp://127.0.0.1:*");
        try (FaultyRelay relay = FaultyRelay.towards(endpoint)) {
            ReqSocket req = context.createReq();
            req.set(SocketOptions.REQ_RELAXED, true);
            req.set(SocketOptions.REQ_CORRELATE, true);
            MonitorEvents events = new MonitorEvents();
            req.monitor(events);
            req.connect(relay.endpoint());
            req.send(Message.of("q-1"));
            answer(rep, "q-1");
            assertEquals("r-1", req.receive(TIMEOUT).orElseThrow().string(0));

            relay.stall();
            req.send(Message.of("q-2"));
            relay.reset();
            events.awaitEvent(DISCONNECTED, TIMEOUT);
            relay.resume();
            events.awaitCount(HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            req.send(Message.of("q-3"));
            answer(rep, "q-3");
            assertEquals("r-3", req.receive(TIMEOUT).orElseThrow().string(0), "the reply to the new request");
        }
    }

    @Test
    void aStrictReqWhoseRequestWasLostRefusesANewOne() throws Exception {
        Context context = newContext();
        RepSocket rep = context.createRep();
        String endpoint = rep.bind("tcp://127.0.0.1:*");
        try (FaultyRelay relay = FaultyRelay.towards(endpoint)) {
            ReqSocket req = context.createReq();
            MonitorEvents events = new MonitorEvents();
            req.monitor(events);
            req.connect(relay.endpoint());
            events.awaitEvent(HANDSHAKE_SUCCEEDED, TIMEOUT);
            relay.stall();
            req.send(Message.of("q-1"));
            relay.reset();
            events.awaitEvent(DISCONNECTED, TIMEOUT);
            relay.resume();
            events.awaitCount(HANDSHAKE_SUCCEEDED, 2, TIMEOUT);
            assertThrows(SocketStateException.class, () -> req.send(Message.of("q-2")));
        }
    }

    /** Answers requests until {@code last} (earlier ones, resent or stale, get their own replies). */
    private static void answer(RepSocket rep, String last) {
        while (true) {
            String request = rep.receive(TIMEOUT).orElseThrow().string(0);
            rep.send(Message.of("r-" + request.substring(2)));
            if (request.equals(last)) {
                return;
            }
        }
    }
}
