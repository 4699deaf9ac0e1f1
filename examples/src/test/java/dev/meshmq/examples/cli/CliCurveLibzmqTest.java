package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.CurveKeyPair;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The CLI's CURVE flags against libzmq 4.3.4 (pyzmq), both roles. */
class CliCurveLibzmqTest {

    private static final String PUSH_CLIENT = String.join("\n",
            "import sys, zmq",
            "ctx = zmq.Context()",
            "s = ctx.socket(zmq.PUSH)",
            "s.curve_secretkey, s.curve_publickey, s.curve_serverkey = (a.encode() for a in sys.argv[1:4])",
            "s.linger = 5000",
            "s.connect(sys.argv[4])",
            "s.send(b'from libzmq')",
            "s.close()",
            "ctx.term()",
            "print('DONE')");

    private static final String PULL_SERVER = String.join("\n",
            "import sys, zmq",
            "ctx = zmq.Context()",
            "s = ctx.socket(zmq.PULL)",
            "s.curve_server = True",
            "s.curve_secretkey = sys.argv[1].encode()",
            "s.rcvtimeo = 10000",
            "port = s.bind_to_random_port('tcp://127.0.0.1')",
            "print(port, flush=True)",
            "print(s.recv().decode(), flush=True)",
            "print('DONE')");

    @Test
    void recvAsCurveServerHearsALibzmqClientWithAnAllowedKey() throws Exception {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        CliRun recv = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--timeout-ms", "10000", "--curve-server", "--curve-secret-key", server.secretKeyZ85(),
                "--curve-allow", client.publicKeyZ85());
        String endpoint = recv.awaitBound();
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", PUSH_CLIENT, client.secretKeyZ85(),
                client.publicKeyZ85(), server.publicKeyZ85(), endpoint).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(python.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), output);
        CliRun.Result received = recv.finish();
        assertEquals(List.of("from libzmq"), received.lines(), received.toString());
    }

    @Test
    void sendAsCurveClientWithAnEphemeralKeyReachesALibzmqServer() throws Exception {
        CurveKeyPair server = CurveKeyPair.generate();
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", PULL_SERVER, server.secretKeyZ85())
                .redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            String port = lines.readLine();
            CliRun.Result send = CliRun.run("send", "--type", "PUSH", "--connect", "tcp://127.0.0.1:" + port,
                    "--curve-server-key", server.publicKeyZ85(), "to libzmq");
            assertEquals(0, send.status(), send.toString());
            assertEquals("to libzmq", lines.readLine());
            assertEquals("DONE", lines.readLine());
        } finally {
            assertTrue(python.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, python.exitValue());
    }

    @Test
    void aClientOfTheWrongServerKeyDeliversNothing() throws IOException, InterruptedException {
        CurveKeyPair server = CurveKeyPair.generate();
        Process python = new ProcessBuilder("/usr/bin/python3", "-c", PULL_SERVER.replace("10000", "1500"),
                server.secretKeyZ85()).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
            String port = lines.readLine();
            CliRun.Result send = CliRun.run("send", "--type", "PUSH", "--connect", "tcp://127.0.0.1:" + port,
                    "--curve-server-key", CurveKeyPair.generate().publicKeyZ85(), "--timeout-ms", "500", "lost");
            assertEquals(1, send.status(), send.toString());
        } finally {
            assertTrue(python.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(python.exitValue() != 0, "the libzmq server received nothing and timed out");
    }
}
