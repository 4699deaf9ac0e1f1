package dev.meshmq.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A stalled soak round reports the sender's statistics and the kernel's queues of its tcp connections. */
class StallEvidenceTest {

    @Test
    void namesTheSendersStatisticsAndTheKernelQueuesOfItsConnections() {
        try (Context context = Context.create()) {
            PushSocket push = context.createPush();
            String endpoint = push.bind("tcp://127.0.0.1:*");
            PullSocket pull = context.createPull();
            pull.connect(endpoint);
            assertTrue(push.send(dev.meshmq.Message.of("x"), Duration.ofSeconds(10)));
            assertTrue(pull.receive(Duration.ofSeconds(10)).isPresent());
            String evidence = StallEvidence.of(push, endpoint);
            String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
            assertTrue(evidence.startsWith("sender statistics: SocketStatistics[messagesSent=1"), evidence);
            assertTrue(evidence.contains("kernel queues: ") && evidence.contains(":" + port + " "), evidence);
        }
    }
}
