package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.RouterSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorCommandTest {

    @Test
    void printsTheEventsOfAConnectThatSucceeds() {
        try (Context context = Context.create(); RouterSocket router = context.createRouter()) {
            String endpoint = router.bind("tcp://127.0.0.1:*");
            CliRun.Result result = CliRun.run("monitor", "--type", "DEALER", "--connect", endpoint, "--count", "3");
            assertEquals(0, result.status(), result.toString());
            List<String> lines = result.lines();
            assertEquals(3, lines.size(), result.toString());
            assertTrue(lines.get(0).startsWith("CONNECT_DELAYED " + endpoint), result.toString());
            assertTrue(lines.get(1).startsWith("CONNECTED " + endpoint), result.toString());
            assertTrue(lines.get(2).startsWith("HANDSHAKE_SUCCEEDED " + endpoint), result.toString());
        }
    }

    @Test
    void printsRetriesWhileNobodyListens() {
        CliRun.Result result = CliRun.run("monitor", "--connect", "tcp://127.0.0.1:1", "--count", "2");
        assertEquals(0, result.status(), result.toString());
        assertEquals(List.of("CONNECT_DELAYED tcp://127.0.0.1:1"), result.lines().subList(0, 1), result.toString());
        assertTrue(result.lines().get(1).startsWith("CONNECT_RETRIED tcp://127.0.0.1:1"), result.toString());
    }

    @Test
    void stopsAfterItsDurationAndReportsABind() {
        CliRun.Result result = CliRun.run("monitor", "--type", "PULL", "--bind", "tcp://127.0.0.1:*",
                "--duration-ms", "200");
        assertEquals(0, result.status(), result.toString());
        assertTrue(result.lines().get(0).startsWith("LISTENING tcp://127.0.0.1:"), result.toString());
    }
}
