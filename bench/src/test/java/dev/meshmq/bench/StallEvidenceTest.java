package dev.meshmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A stalled soak round reports the sender's statistics and the kernel's queues of its tcp or ipc
 * connections; for ipc, both ends of each connection are picked out of `ss -xn` by inode.
 */
class StallEvidenceTest {

    private static final String TABLE = String.join("\n",
            "Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
            "u_str LISTEN 0      100    /tmp/round-7.ipc 5001 * 0",
            "u_str ESTAB  0      212992 /tmp/round-7.ipc 5003 * 5002",
            "u_str ESTAB  208896 0      * 5002 * 5003",
            "u_str ESTAB  0      0      * 9173369 * 0",
            "u_str ESTAB  0      0      /tmp/other.ipc 6001 * 6002",
            "u_str ESTAB  0      0      * 6002 * 6001");

    @Test
    void namesTheSendersStatisticsAndTheKernelQueuesOfItsConnections() throws Exception {
        Path dir = Files.createTempDirectory("stall-evidence");
        for (String bind : new String[] {"tcp://127.0.0.1:*", "ipc://" + dir.resolve("s.ipc")}) {
            try (Context context = Context.create()) {
                PushSocket push = context.createPush();
                String endpoint = push.bind(bind);
                PullSocket pull = context.createPull();
                pull.connect(endpoint);
                assertTrue(push.send(Message.of("x"), Duration.ofSeconds(10)));
                assertTrue(pull.receive(Duration.ofSeconds(10)).isPresent());
                String evidence = StallEvidence.of(push, endpoint);
                assertTrue(evidence.startsWith("sender statistics: SocketStatistics[messagesSent=1"), evidence);
                String where = bind.startsWith("tcp") ? ":" + endpoint.substring(endpoint.lastIndexOf(':') + 1) + " "
                        : endpoint.substring("ipc://".length());
                assertTrue(evidence.contains("kernel queues: ") && evidence.contains(where), evidence);
                if (bind.startsWith("ipc")) {
                    // both ends of the connection: the accepted socket (named by the path) and the connecting one
                    assertEquals(2, evidence.substring(evidence.indexOf("kernel queues: ")).split(" \\| ").length,
                            evidence);
                }
            }
        }
        Files.deleteIfExists(dir.resolve("s.ipc"));
        Files.deleteIfExists(dir);
    }

    @Test
    void theListenerTheAcceptedSocketAndItsPeerAreKept() {
        String queues = StallEvidence.unixQueues(TABLE, "/tmp/round-7.ipc");
        assertEquals(3, queues.split(" \\| ").length, queues);
        assertTrue(queues.contains("u_str ESTAB 208896 0 * 5002 * 5003"), queues);
        assertFalse(queues.contains("9173369") || queues.contains("6001"), queues);
    }

    @Test
    void aPathWithNoSocketSaysSo() {
        assertEquals("no unix socket at /tmp/none.ipc", StallEvidence.unixQueues(TABLE, "/tmp/none.ipc"));
    }
}
