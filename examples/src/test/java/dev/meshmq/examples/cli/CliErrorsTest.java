package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** What a shell user sees when something is wrong: one line on stderr and a status to rely on. */
class CliErrorsTest {

    @Test
    void unknownSocketTypeIsAUsageError() {
        CliRun.Result result = CliRun.run("send", "--type", "SUB", "--connect", "tcp://127.0.0.1:1", "x");
        assertOneErrorLine(result, 2, "meshmq send: Invalid value for option '--type'");
    }

    @Test
    void malformedEndpointIsAUsageError() {
        CliRun.Result result = CliRun.run("recv", "--type", "PULL", "--bind", "bogus://where");
        assertOneErrorLine(result, 2, "meshmq recv: unsupported transport 'bogus'");
    }

    @Test
    void missingEndpointIsAUsageError() {
        assertOneErrorLine(CliRun.run("send", "--type", "PUSH", "x"), 2,
                "meshmq send: give at least one --bind or --connect endpoint");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertOneErrorLine(CliRun.run("frobnicate"), 2, "meshmq: Unmatched argument");
    }

    @Test
    void addressInUseIsAFailure() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String endpoint = "tcp://127.0.0.1:" + taken.getLocalPort();
            CliRun.Result result = CliRun.run("recv", "--type", "PULL", "--bind", endpoint);
            assertOneErrorLine(result, 1, "meshmq recv: ");
            assertTrue(result.err().contains("in use"), result.toString());
        }
    }

    @Test
    void noReplyInTimeIsAFailure() {
        CliRun.Result result = CliRun.run("send", "--type", "REQ", "--connect", "tcp://127.0.0.1:1",
                "--timeout-ms", "200", "hello");
        assertOneErrorLine(result, 1, "meshmq send: no reply within 200 ms");
    }

    @Test
    void messagesNobodyTookWithinTheTimeoutAreAFailureThatSaysHowMany() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        long start = System.nanoTime();
        CliRun.Result result = CliRun.run("send", "--type", "PUSH", "--connect", "tcp://127.0.0.1:" + port,
                "--timeout-ms", "500", "hi", "there");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertOneErrorLine(result, 1, "meshmq send: 2 message(s) not delivered: no peer took them within 500 ms");
        assertTrue(tookMillis >= 450, "gave up after " + tookMillis + " ms, before --timeout-ms");
    }

    private static void assertOneErrorLine(CliRun.Result result, int status, String start) {
        assertEquals(status, result.status(), result.toString());
        assertTrue(result.err().startsWith(start), result.toString());
        assertEquals(1, result.err().lines().count(), result.toString());
        assertEquals("", result.out(), result.toString());
    }
}
