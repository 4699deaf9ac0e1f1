package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.CurveKeyPair;
import dev.meshmq.Z85;
import dev.meshmq.auth.CurveCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshmq keygen}: printed keys and written certificates. */
class KeygenCommandTest {

    @TempDir
    Path directory;

    @Test
    void printsAMatchingKeyPairInZ85() {
        CliRun.Result result = CliRun.run("keygen");
        assertEquals(0, result.status(), result.toString());
        assertEquals("", result.err());
        List<String> lines = result.lines();
        assertEquals(2, lines.size(), result.toString());
        assertTrue(lines.get(0).startsWith("public: "), result.toString());
        assertTrue(lines.get(1).startsWith("secret: "), result.toString());
        String publicKey = lines.get(0).substring("public: ".length());
        String secretKey = lines.get(1).substring("secret: ".length());
        assertEquals(40, publicKey.length());
        assertEquals(publicKey, CurveKeyPair.fromSecretKey(Z85.decodeKey(secretKey)).publicKeyZ85());
        assertNotEquals(lines, CliRun.run("keygen").lines(), "every run makes a new pair");
    }

    @Test
    void writesACertificatePairThatPyzmqLoads() throws Exception {
        Path prefix = directory.resolve("server");
        CliRun.Result result = CliRun.run("keygen", "--out", prefix.toString(), "-m", "name=server 1",
                "--metadata", "email=ops@example.com");
        assertEquals(0, result.status(), result.toString());
        assertEquals(List.of("public certificate: " + prefix, "secret certificate: " + prefix + "_secret"),
                result.lines());
        CurveCertificate secret = CurveCertificate.load(directory.resolve("server_secret"));
        CurveCertificate publicOnly = CurveCertificate.load(prefix);
        assertEquals(secret.publicKeyZ85(), publicOnly.publicKeyZ85());
        assertTrue(secret.hasSecretKey());
        assertEquals(Map.of("name", "server 1", "email", "ops@example.com"), publicOnly.metadata());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(directory.resolve("server_secret"))));

        Process python = new ProcessBuilder("/usr/bin/python3", "-c",
                "import sys, zmq.auth\np, s = zmq.auth.load_certificate(sys.argv[1])\nprint(p.decode(), s.decode())",
                prefix + "_secret").redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(python.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, python.exitValue(), output);
        assertEquals(secret.publicKeyZ85() + " " + secret.keyPair().orElseThrow().secretKeyZ85(), output);
    }

    @Test
    void keepsExistingCertificatesUnlessForced() throws IOException {
        Path prefix = directory.resolve("client");
        assertEquals(0, CliRun.run("keygen", "--out", prefix.toString()).status());
        String before = Files.readString(directory.resolve("client_secret"));
        CliRun.Result again = CliRun.run("keygen", "--out", prefix.toString());
        assertEquals(1, again.status(), again.toString());
        assertEquals("", again.out());
        assertTrue(again.err().startsWith("meshmq keygen: " + prefix + " exists"), again.toString());
        assertEquals(before, Files.readString(directory.resolve("client_secret")));
        CliRun.Result forced = CliRun.run("keygen", "--out", prefix.toString(), "--force");
        assertEquals(0, forced.status(), forced.toString());
        assertNotEquals(before, Files.readString(directory.resolve("client_secret")));
    }

    @Test
    void badArgumentsAreUsageErrorsAndAnUnwritablePlaceAFailure() {
        CliRun.Result metadataWithoutOut = CliRun.run("keygen", "-m", "name=x");
        assertEquals(2, metadataWithoutOut.status(), metadataWithoutOut.toString());
        assertEquals("", metadataWithoutOut.out());
        CliRun.Result badMetadata = CliRun.run("keygen", "--out", directory.resolve("x").toString(), "-m", "novalue");
        assertEquals(2, badMetadata.status(), badMetadata.toString());
        assertTrue(badMetadata.err().contains("NAME=VALUE"), badMetadata.toString());
        CliRun.Result badName = CliRun.run("keygen", "--out", directory.resolve("y").toString(), "-m", "two words=v");
        assertEquals(2, badName.status(), badName.toString());
        CliRun.Result nowhere = CliRun.run("keygen", "--out", directory.resolve("missing/dir/key").toString());
        assertEquals(1, nowhere.status(), nowhere.toString());
        assertEquals(1, nowhere.err().lines().count(), nowhere.toString());
    }
}
