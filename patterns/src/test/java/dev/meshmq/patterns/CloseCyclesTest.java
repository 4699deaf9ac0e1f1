package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many short-lived senders against one receiver (issue 11 item 4b): create a PUSH socket, connect,
 * send one message, close; with the default LINGER. Every message must be either delivered or
 * counted as discarded at close: none is lost silently, and none counted as discarded arrives.
 */
class CloseCyclesTest extends MeshTestSupport {

    private static final int CYCLES = 300;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void everyMessageOfAShortLivedSenderIsDeliveredOrCountedAsDiscarded(String transport) {
        Context pullContext = newContext();
        PullSocket pull = pullContext.createPull();
        String endpoint = pull.bind(Endpoints.fresh(transport));
        Context pushContext = newContext();
        List<PushSocket> pushes = new ArrayList<>();
        Set<Integer> received = new HashSet<>();
        for (int i = 0; i < CYCLES; i++) {
            PushSocket push = pushContext.createPush();
            push.connect(endpoint);
            push.send(numbered("c", i));
            push.close();
            pushes.add(push);
            for (Optional<Message> m = pull.tryReceive(); m.isPresent(); m = pull.tryReceive()) {
                assertTrue(received.add(indexOf(m.get())), "received twice: " + m.get().string(0));
            }
        }
        pushContext.close();   // waits for every socket's linger
        long discarded = pushes.stream().mapToLong(push -> push.statistics().discardedAtClose()).sum();
        while (received.size() + discarded < CYCLES) {
            int missing = (int) (CYCLES - received.size() - discarded);
            Message message = pull.receive(TIMEOUT).orElseThrow(() -> new AssertionError(missing + " of " + CYCLES
                    + " messages lost silently: " + received.size() + " delivered, " + discarded + " discarded"));
            assertTrue(received.add(indexOf(message)), "received twice: " + message.string(0));
        }
        expectNothing(pull, SHORT);
        System.out.printf("%s: %d cycles, %d delivered, %d discarded at close (counted)%n", transport, CYCLES,
                received.size(), discarded);
    }
}
