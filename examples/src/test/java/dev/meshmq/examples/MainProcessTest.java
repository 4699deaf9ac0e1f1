package dev.meshmq.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Main} as a real process: what a shell sees, exit status included. */
class MainProcessTest {

    @Test
    void noArgumentsRunsTheDemoAndExitsZero() throws Exception {
        Outcome outcome = java();
        assertEquals(0, outcome.status(), outcome.toString());
        assertTrue(outcome.out().startsWith("MeshMQ demo"), outcome.toString());
        assertTrue(outcome.out().strip().endsWith("done"), outcome.toString());
    }

    @Test
    void unknownTypeExitsTwoWithOneLine() throws Exception {
        Outcome outcome = java("recv", "--type", "PUSH", "--bind", "tcp://127.0.0.1:*");
        assertEquals(2, outcome.status(), outcome.toString());
        assertEquals(1, outcome.err().lines().count(), outcome.toString());
        assertTrue(outcome.err().startsWith("meshmq recv: Invalid value for option '--type'"), outcome.toString());
    }

    @Test
    void addressInUseExitsOneWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome outcome = java("send", "--type", "PUSH", "--bind", "tcp://127.0.0.1:" + taken.getLocalPort(), "x");
            assertEquals(1, outcome.status(), outcome.toString());
            assertEquals(1, outcome.err().lines().count(), outcome.toString());
            assertTrue(outcome.err().contains("in use"), outcome.toString());
        }
    }

    @Test
    void sendWithNobodyListeningExitsOneWithOneLineSayingHowManyWereLost() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Outcome outcome = java("send", "--type", "PUSH", "--connect", "tcp://127.0.0.1:" + port, "--timeout-ms",
                "500", "hi");
        assertEquals(1, outcome.status(), outcome.toString());
        assertEquals(1, outcome.err().lines().count(), outcome.toString());
        assertTrue(outcome.err().startsWith("meshmq send: 1 message(s) not delivered"), outcome.toString());
    }

    private static Outcome java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("meshmq " + String.join(" ", args) + " did not exit within 30 s");
        }
        return new Outcome(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** A finished process. */
    private record Outcome(int status, String out, String err) {
    }
}
