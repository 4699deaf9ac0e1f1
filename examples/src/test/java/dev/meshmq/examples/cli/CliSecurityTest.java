package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.CurveKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security flags of {@code send} and {@code recv}: PLAIN and CURVE servers and clients. */
class CliSecurityTest {

    @TempDir
    Path directory;

    @Test
    void plainClientWithTheRightPasswordIsHeard() throws IOException {
        Path users = Files.write(directory.resolve("users"), List.of("# who may send", "admin:s3cret"));
        CliRun recv = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--timeout-ms", "10000", "--plain-users", users.toString());
        String endpoint = recv.awaitBound();
        CliRun.Result send = CliRun.run("send", "--type", "PUSH", "--connect", endpoint, "--plain-user", "admin",
                "--plain-password", "s3cret", "hello");
        assertEquals(0, send.status(), send.toString());
        CliRun.Result received = recv.finish();
        assertEquals(0, received.status(), received.toString());
        assertEquals(List.of("hello"), received.lines());
    }

    @Test
    void plainClientWithAWrongPasswordDeliversNothingAndBothSidesExitOne() throws IOException {
        Path users = Files.write(directory.resolve("users"), List.of("admin:s3cret"));
        CliRun recv = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--timeout-ms", "1500", "--plain-users", users.toString());
        String endpoint = recv.awaitBound();
        CliRun.Result send = CliRun.run("send", "--type", "PUSH", "--connect", endpoint, "--plain-user", "admin",
                "--plain-password", "guess", "--timeout-ms", "500", "hello");
        assertEquals(1, send.status(), send.toString());
        CliRun.Result received = recv.finish();
        assertEquals(1, received.status(), received.toString());
        assertEquals(List.of(), received.lines());
        assertTrue(received.err().contains("no message within 1500 ms"), received.toString());
    }

    @Test
    void curveClientsWithAnAllowedOrEphemeralKeyAreHeardAndOthersAreNot() {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        CliRun recv = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--timeout-ms", "10000", "--curve-server", "--curve-secret-key", server.secretKeyZ85(),
                "--curve-allow", client.publicKeyZ85());
        String endpoint = recv.awaitBound();
        CliRun.Result stranger = CliRun.run("send", "--type", "PUSH", "--connect", endpoint, "--curve-server-key",
                server.publicKeyZ85(), "--timeout-ms", "500", "from an ephemeral key");
        assertEquals(1, stranger.status(), stranger.toString());
        CliRun.Result send = CliRun.run("send", "--type", "PUSH", "--connect", endpoint, "--curve-server-key",
                server.publicKeyZ85(), "--curve-secret-key", client.secretKeyZ85(), "--curve-public-key",
                client.publicKeyZ85(), "allowed");
        assertEquals(0, send.status(), send.toString());
        assertEquals(List.of("allowed"), recv.finish().lines());

        CliRun open = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--timeout-ms", "10000", "--curve-server", "--curve-secret-key", server.secretKeyZ85());
        String anyKey = open.awaitBound();
        assertEquals(0, CliRun.run("send", "--type", "PUSH", "--connect", anyKey, "--curve-server-key",
                server.publicKeyZ85(), "ephemeral").status());
        assertEquals(List.of("ephemeral"), open.finish().lines());
    }

    @Test
    void aMissingPasswordFileIsAFailureNamingIt() {
        Path missing = directory.resolve("no-users");
        CliRun.Result result = CliRun.run("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*",
                "--plain-users", missing.toString());
        assertEquals(1, result.status(), result.toString());
        assertTrue(result.err().startsWith("meshmq recv: cannot read the password file " + missing), result.toString());
        assertEquals(1, result.err().lines().count(), result.toString());
    }

    @Test
    void flagsThatDoNotFitTogetherAreUsageErrors() {
        String key = CurveKeyPair.generate().publicKeyZ85();
        String secret = CurveKeyPair.generate().secretKeyZ85();
        String endpoint = "tcp://127.0.0.1:1";
        List<List<String>> cases = List.of(
                List.of("--curve-server"),
                List.of("--curve-server", "--curve-secret-key", secret, "--plain-users", "f"),
                List.of("--curve-server-key", key, "--plain-user", "u"),
                List.of("--curve-allow", key),
                List.of("--curve-secret-key", secret),
                List.of("--curve-server-key", key, "--curve-public-key", key),
                List.of("--curve-server-key", key, "--curve-secret-key", secret, "--curve-public-key", key),
                List.of("--plain-password", "p"),
                List.of("--curve-server-key", "not-a-key"),
                List.of("--curve-server", "--curve-secret-key", secret, "--curve-allow", key.substring(1)));
        for (List<String> flags : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("send", "--type", "PUSH", "--connect", endpoint));
            args.addAll(flags);
            args.add("x");
            CliRun.Result result = CliRun.run(args.toArray(String[]::new));
            assertEquals(2, result.status(), flags + ": " + result);
            assertEquals(1, result.err().lines().count(), result.toString());
            assertTrue(result.err().startsWith("meshmq send: ") && result.err().contains("--"), result.toString());
        }
    }
}
