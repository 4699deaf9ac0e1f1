package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.PairSocket;
import dev.meshmq.testsupport.Endpoints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PAIR talks both ways with exactly one peer; a second peer is refused while the first is attached. */
class PairTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void roundTripBothWays(String transport) {
        Context context = newContext();
        PairSocket bound = context.createPair();
        PairSocket connected = context.createPair();
        connected.connect(bound.bind(Endpoints.fresh(transport)));
        for (int i = 0; i < 10; i++) {
            assertTrue(connected.send(numbered("ping", i), TIMEOUT));
            assertEquals("ping-" + i, bound.receive(TIMEOUT).orElseThrow().string(0));
            assertTrue(bound.send(numbered("pong", i), TIMEOUT));
            assertEquals("pong-" + i, connected.receive(TIMEOUT).orElseThrow().string(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void secondPeerIsRefusedWhileTheFirstIsAttached(String transport) {
        Context context = newContext();
        PairSocket bound = context.createPair();
        PairSocket first = context.createPair();
        String endpoint = bound.bind(Endpoints.fresh(transport));
        first.connect(endpoint);
        assertTrue(first.send(numbered("first", 0), TIMEOUT));
        assertEquals("first-0", bound.receive(TIMEOUT).orElseThrow().string(0));

        PairSocket intruder = context.createPair();
        intruder.connect(endpoint);
        for (int i = 0; i < 3; i++) {
            // the intruder's queue may take the messages, but they must never reach the bound PAIR
            intruder.trySend(numbered("intruder", i));
        }
        expectNothing(bound, QUIET);

        for (int i = 1; i < 5; i++) {
            assertTrue(first.send(numbered("first", i), TIMEOUT));
            assertEquals("first-" + i, bound.receive(TIMEOUT).orElseThrow().string(0));
            assertTrue(bound.send(numbered("reply", i), TIMEOUT));
            assertEquals("reply-" + i, first.receive(TIMEOUT).orElseThrow().string(0));
        }
        expectNothing(bound, SHORT);
        expectNothing(intruder, SHORT);
    }
}
