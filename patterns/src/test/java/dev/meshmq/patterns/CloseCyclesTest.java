package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many short-lived senders against one receiver (issue 11 item 4b): create a PUSH socket, connect,
 * send one message, close; with the default LINGER and with short ones. Every message must be either delivered or
 * counted as discarded at close: none is lost silently, and none counted as discarded arrives.
 */
class CloseCyclesTest extends MeshTestSupport {

    /** 300 by default; {@code -Dmeshmq.closeCycles=2000} repeats the measurement. */
    private static final int CYCLES = Integer.getInteger("meshmq.closeCycles", 300);

    /** The default LINGER (-1 here), and short ones under which many messages are discarded, all counted. */
    @ParameterizedTest
    @CsvSource({"tcp, -1", "ipc, -1", "tcp, 0", "ipc, 0", "tcp, 20", "ipc, 20"})
    void everyMessageOfAShortLivedSenderIsDeliveredOrCountedAsDiscarded(String transport, int lingerMillis) {
        Context pullContext = newContext();
        PullSocket pull = pullContext.createPull();
        String endpoint = pull.bind(Endpoints.fresh(transport));
        Context pushContext = newContext();
        List<PushSocket> pushes = new ArrayList<>();
        Set<Integer> received = new HashSet<>();
        for (int i = 0; i < CYCLES; i++) {
            PushSocket push = pushContext.createPush();
            if (lingerMillis >= 0) {
                push.set(SocketOptions.LINGER, Duration.ofMillis(lingerMillis));
            }
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
        System.out.printf("%s, LINGER %s: %d cycles, %d delivered, %d discarded at close (counted)%n", transport,
                lingerMillis < 0 ? "default" : lingerMillis + " ms", CYCLES, received.size(), discarded);
    }
}
