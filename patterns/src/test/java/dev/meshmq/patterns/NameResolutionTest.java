package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.AddressInUseException;
import dev.meshmq.AddressNotAvailableException;
import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.MonitorEvents;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Names resolve at connect time and at each reconnect; a bind to an address the machine lacks says so. */
class NameResolutionTest extends MeshTestSupport {

    /** RFC 6761 reserves .invalid: it never resolves, wherever the test runs. */
    private static final String NOWHERE = "meshmq-not-yet.invalid";

    @Test
    void anUnresolvableNameIsRetriedWithEventsAndDoesNotThrow() {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.RECONNECT_INTERVAL, Duration.ofMillis(20));
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        push.connect("tcp://" + NOWHERE + ":5555");
        events.awaitCount(MonitorEventType.CONNECT_RETRIED, 3, TIMEOUT);
        List<MonitorEvent> retries = events.events().stream()
                .filter(event -> event.type() == MonitorEventType.CONNECT_RETRIED).collect(Collectors.toList());
        for (MonitorEvent retry : retries.subList(0, 3)) {
            assertTrue(retry.detail().contains(NOWHERE), "each attempt resolves again and says why: " + retry);
            assertEquals("tcp://" + NOWHERE + ":5555", retry.endpoint());
        }
        assertEquals(0, events.count(MonitorEventType.CONNECTED), events.types().toString());
        assertTrue(push.trySend(Message.of("queued while unresolved")), "the link queues like any connect");
        push.disconnect("tcp://" + NOWHERE + ":5555");
    }

    @Test
    void closingASocketWhoseNameDoesNotResolveIsPrompt() {
        Context context = newContext();
        PushSocket push = context.createPush();
        push.set(SocketOptions.LINGER, Duration.ZERO);
        push.connect("tcp://" + NOWHERE + ":5555");
        long start = System.nanoTime();
        push.close();
        context.close();
        assertTrue(System.nanoTime() - start < TIMEOUT.toNanos(), "close waited for a lookup");
    }

    @Test
    void aNameThatResolvesIsLookedUpOffTheIoThreadAndConnects() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String bound = pull.bind("tcp://127.0.0.1:*");
        String port = bound.substring(bound.lastIndexOf(':') + 1);
        PushSocket push = context.createPush();
        push.connect("tcp://localhost:" + port);
        push.send(Message.of("by name"));
        assertEquals("by name", pull.receive(TIMEOUT).orElseThrow().first().asString());
    }

    @Test
    void aLiteralAddressStillConnects() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        String bound = pull.bind("tcp://127.0.0.1:*");
        PushSocket push = context.createPush();
        MonitorEvents events = new MonitorEvents();
        push.monitor(events);
        push.connect(bound);
        push.send(Message.of("literal"));
        assertEquals("literal", pull.receive(TIMEOUT).orElseThrow().first().asString());
        assertEquals(0, events.count(MonitorEventType.CONNECT_RETRIED), events.types().toString());
    }

    @Test
    void bindingAnAddressTheMachineLacksRaisesAddressNotAvailable() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        MonitorEvents events = new MonitorEvents();
        pull.monitor(events);
        String endpoint = "tcp://192.0.2.1:5555";
        AddressNotAvailableException failure =
                assertThrows(AddressNotAvailableException.class, () -> pull.bind(endpoint));
        assertTrue(failure.getMessage().contains(endpoint), failure.getMessage());
        assertFalse(AddressInUseException.class.isInstance(failure));
        events.awaitEvent(MonitorEventType.BIND_FAILED, TIMEOUT);
        String bound = pull.bind("tcp://127.0.0.1:*");
        assertTrue(bound.startsWith("tcp://127.0.0.1:"), "the socket is still usable: " + bound);
    }
}
