package dev.meshmq.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.AuthenticationRequest;
import dev.meshmq.AuthenticationResult;
import dev.meshmq.CurveKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardAuthenticatorTest {

    private static final byte[] NO_ID = new byte[0];

    @TempDir
    Path directory;

    @Test
    void anAllowListLetsOnlyItsAddressesThroughForEveryMechanism() throws IOException {
        StandardAuthenticator auth = StandardAuthenticator.builder()
                .allow("192.0.2.7", "10.0.0.0/8", "2001:db8::/32", "::1", "172.16.0.0/12")
                .allowAnyCurveKey().build();
        for (String address : List.of("192.0.2.7", "10.200.3.4", "2001:db8:1::5", "0:0:0:0:0:0:0:1", "[::1]",
                "::ffff:10.1.2.3", "172.31.255.255")) {
            assertTrue(auth.authenticate(nullRequest(address)).allowed(), address);
            assertTrue(auth.authenticate(curveRequest(address, CurveKeyPair.generate())).allowed(), address);
        }
        for (String address : List.of("192.0.2.8", "11.0.0.1", "2001:db9::1", "::2", "172.32.0.0", "", "/tmp/sock",
                "localhost", "192.0.2.7.1", "1.2.3")) {
            AuthenticationResult result = auth.authenticate(nullRequest(address));
            assertDenied(result, "not on the allow list");
            assertTrue(result.statusText().contains("'" + address + "'"), result.statusText());
        }
    }

    @Test
    void aDenyListRefusesItsAddressesOnly() throws IOException {
        StandardAuthenticator auth = StandardAuthenticator.builder().deny("192.0.2.0/24", "fe80::1").build();
        assertDenied(auth.authenticate(nullRequest("192.0.2.200")), "on the deny list");
        assertDenied(auth.authenticate(nullRequest("fe80:0::1")), "on the deny list");
        assertTrue(auth.authenticate(nullRequest("192.0.3.1")).allowed());
        assertTrue(auth.authenticate(nullRequest("")).allowed());
    }

    @Test
    void addressListsAreCheckedWhenBuilt() {
        assertThrows(IllegalStateException.class,
                () -> StandardAuthenticator.builder().allow("10.0.0.1").deny("10.0.0.2").build());
        for (String bad : List.of("example.com", "10.0.0.0/33", "::1/129", "10.0.0.1/x", "256.0.0.1", "", "10.0.0/8",
                "fe80::1%eth0")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StandardAuthenticator.builder().allow(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void nullPeersAreAllowedWithAnEmptyUserId() throws IOException {
        AuthenticationResult result = StandardAuthenticator.builder().build().authenticate(nullRequest("10.0.0.1"));
        assertTrue(result.allowed());
        assertEquals("", result.userId());
    }

    @Test
    void plainChecksThePasswordFile() throws IOException {
        Path file = write("passwords", "# users", "", "admin:secret", "  bob :pass:with:colons", "spaced: padded ",
                "empty:", "  # indented comment");
        StandardAuthenticator auth = StandardAuthenticator.builder().passwordFile(file).build();
        AuthenticationResult admin = auth.authenticate(plainRequest("admin", "secret"));
        assertTrue(admin.allowed());
        assertEquals("admin", admin.userId());
        assertTrue(auth.authenticate(plainRequest("bob", "pass:with:colons")).allowed());
        assertTrue(auth.authenticate(plainRequest("empty", "")).allowed());
        assertTrue(auth.authenticate(plainRequest("spaced", " padded ")).allowed(), "the rest of the line");
        assertDenied(auth.authenticate(plainRequest("admin", "Secret")), "wrong user name or password");
        assertDenied(auth.authenticate(plainRequest("admin", "secret ")), "wrong user name or password");
        assertDenied(auth.authenticate(plainRequest("nobody", "secret")), "wrong user name or password");
        assertDenied(auth.authenticate(plainRequest("# users", "")), "wrong user name or password");
        assertDenied(auth.authenticate(curveRequest("10.0.0.1", CurveKeyPair.generate())), "CURVE is not configured");
    }

    @Test
    void plainWithoutAPasswordFileIsDenied() throws IOException {
        assertDenied(StandardAuthenticator.builder().build().authenticate(plainRequest("a", "b")),
                "PLAIN is not configured");
    }

    @Test
    void aMissingOrMalformedFileFailsTheBuildNamingThePath() throws IOException {
        Path missing = directory.resolve("no-such-file");
        IOException noFile = assertThrows(IOException.class,
                () -> StandardAuthenticator.builder().passwordFile(missing).build());
        assertTrue(noFile.getMessage().contains(missing.toString()), noFile.getMessage());
        assertTrue(noFile.getMessage().contains("no such file"), noFile.getMessage());
        IOException noDirectory = assertThrows(IOException.class,
                () -> StandardAuthenticator.builder().certificateDirectory(missing).build());
        assertTrue(noDirectory.getMessage().contains("certificate directory " + missing), noDirectory.getMessage());
        Path malformed = write("malformed", "admin:ok", "no colon here");
        IOException badLine = assertThrows(IOException.class,
                () -> StandardAuthenticator.builder().passwordFile(malformed).build());
        assertTrue(badLine.getMessage().contains(malformed + " line 2"), badLine.getMessage());
        Path twice = write("twice", "admin:a", "admin:b");
        assertThrows(IOException.class, () -> StandardAuthenticator.builder().passwordFile(twice).build());
        Path noUser = write("no-user", ":password");
        assertThrows(IOException.class, () -> StandardAuthenticator.builder().passwordFile(noUser).build());
    }

    @Test
    void curveAllowsListedKeysWithTheirZ85AsUserId() throws IOException {
        CurveKeyPair byText = CurveKeyPair.generate();
        CurveKeyPair byBytes = CurveKeyPair.generate();
        StandardAuthenticator auth = StandardAuthenticator.builder().allowCurveKey(byText.publicKeyZ85())
                .allowCurveKey(byBytes.publicKey()).build();
        AuthenticationResult result = auth.authenticate(curveRequest("10.0.0.1", byText));
        assertTrue(result.allowed());
        assertEquals(byText.publicKeyZ85(), result.userId());
        assertEquals(byBytes.publicKeyZ85(), auth.authenticate(curveRequest("10.0.0.1", byBytes)).userId());
        CurveKeyPair stranger = CurveKeyPair.generate();
        AuthenticationResult denied = auth.authenticate(curveRequest("10.0.0.1", stranger));
        assertDenied(denied, "is not allowed");
        assertTrue(denied.statusText().contains(stranger.publicKeyZ85()), denied.statusText());
        assertThrows(IllegalArgumentException.class, () -> StandardAuthenticator.builder().allowCurveKey("short"));
        assertThrows(IllegalArgumentException.class,
                () -> StandardAuthenticator.builder().allowCurveKey(new byte[31]));
    }

    @Test
    void curveWithoutKeysIsDeniedAndAnyKeyAllowsAll() throws IOException {
        assertDenied(StandardAuthenticator.builder().build()
                .authenticate(curveRequest("10.0.0.1", CurveKeyPair.generate())), "CURVE is not configured");
        CurveKeyPair pair = CurveKeyPair.generate();
        AuthenticationResult any = StandardAuthenticator.builder().allowAnyCurveKey().build()
                .authenticate(curveRequest("10.0.0.1", pair));
        assertTrue(any.allowed());
        assertEquals(pair.publicKeyZ85(), any.userId());
    }

    @Test
    void aCertificateDirectoryAllowsItsPublicCertificatesWithTheirMetadata() throws Exception {
        CurveKeyPair ours = CurveKeyPair.generate();
        CurveCertificate.of(ours, Map.of("name", "ours", "role", "worker")).save(directory.resolve("ours"));
        List<String> pyzmqKeys = Python3.run("import sys, zmq.auth\n"
                + "pub, sec = zmq.auth.create_certificates(sys.argv[1], 'theirs')\n"
                + "print(zmq.auth.load_certificate(pub)[0].decode())\n", directory.toString());
        CurveKeyPair hidden = CurveKeyPair.generate();
        CurveCertificate.of(hidden, Map.of()).save(directory.resolve(".hidden"));
        CurveKeyPair secretOnly = CurveKeyPair.generate();
        CurveCertificate.of(secretOnly, Map.of()).save(directory.resolve("gone"));
        Files.delete(directory.resolve("gone"));
        write("README", "this directory holds client certificates");
        Files.createDirectory(directory.resolve("subdirectory"));

        StandardAuthenticator auth = StandardAuthenticator.builder().certificateDirectory(directory).build();
        AuthenticationResult result = auth.authenticate(curveRequest("10.0.0.1", ours));
        assertTrue(result.allowed());
        assertEquals(ours.publicKeyZ85(), result.userId());
        assertEquals(Map.of("name", "ours", "role", "worker"), result.properties());
        AuthenticationRequest pyzmq = AuthenticationRequest.forCurve("", "10.0.0.1", NO_ID,
                dev.meshmq.Z85.decodeKey(pyzmqKeys.get(0)));
        assertTrue(auth.authenticate(pyzmq).allowed());
        assertDenied(auth.authenticate(curveRequest("10.0.0.1", hidden)), "is not allowed");
        assertDenied(auth.authenticate(curveRequest("10.0.0.1", secretOnly)), "is not allowed");
    }

    @Test
    void aChangedPasswordFileIsSeenAfterTheCheckInterval() throws IOException {
        Path file = write("passwords", "admin:old");
        long[] now = {0};
        StandardAuthenticator auth = StandardAuthenticator.builder().passwordFile(file)
                .checkInterval(Duration.ofSeconds(1)).nanoClock(() -> now[0]).build();
        assertTrue(auth.authenticate(plainRequest("admin", "old")).allowed());
        rewrite(file, "admin:new", "second:user");
        assertTrue(auth.authenticate(plainRequest("admin", "old")).allowed(), "not looked at before the interval");
        now[0] += Duration.ofSeconds(1).toNanos();
        assertTrue(auth.authenticate(plainRequest("admin", "new")).allowed());
        assertDenied(auth.authenticate(plainRequest("admin", "old")), "wrong user name or password");
        assertTrue(auth.authenticate(plainRequest("second", "user")).allowed());
    }

    @Test
    void reloadRereadsAtOnceAndABrokenFileKeepsTheOldContents() throws IOException {
        Path file = write("passwords", "admin:old");
        long[] now = {0};
        StandardAuthenticator auth = StandardAuthenticator.builder().passwordFile(file)
                .checkInterval(Duration.ofHours(1)).nanoClock(() -> now[0]).build();
        rewrite(file, "admin:new");
        assertTrue(auth.reload());
        assertTrue(auth.authenticate(plainRequest("admin", "new")).allowed());

        rewrite(file, "admin:newer", "broken line");
        assertFalse(auth.reload());
        assertTrue(auth.authenticate(plainRequest("admin", "new")).allowed());
        Files.delete(file);
        assertFalse(auth.reload());
        now[0] += Duration.ofHours(2).toNanos();
        assertTrue(auth.authenticate(plainRequest("admin", "new")).allowed());
        rewrite(file, "admin:back");
        now[0] += Duration.ofHours(2).toNanos();
        assertTrue(auth.authenticate(plainRequest("admin", "back")).allowed());
    }

    @Test
    void certificatesAddedOrRemovedOrChangedAreSeen() throws IOException {
        Path certificates = Files.createDirectory(directory.resolve("clients"));
        CurveKeyPair first = CurveKeyPair.generate();
        CurveCertificate.ofPublicKey(first.publicKey(), Map.of()).save(certificates.resolve("first"));
        StandardAuthenticator auth = StandardAuthenticator.builder().certificateDirectory(certificates)
                .checkInterval(Duration.ZERO).build();
        CurveKeyPair second = CurveKeyPair.generate();
        assertDenied(auth.authenticate(curveRequest("10.0.0.1", second)), "is not allowed");
        CurveCertificate.ofPublicKey(second.publicKey(), Map.of()).save(certificates.resolve("second"));
        assertTrue(auth.authenticate(curveRequest("10.0.0.1", second)).allowed());
        Files.delete(certificates.resolve("first"));
        assertDenied(auth.authenticate(curveRequest("10.0.0.1", first)), "is not allowed");

        CurveKeyPair replacement = CurveKeyPair.generate();
        Path secondFile = certificates.resolve("second");
        FileTime before = Files.getLastModifiedTime(secondFile);
        CurveCertificate.ofPublicKey(replacement.publicKey(), Map.of("name", "x")).save(secondFile);
        Files.setLastModifiedTime(secondFile, FileTime.from(before.toInstant().plusSeconds(1)));
        assertTrue(auth.authenticate(curveRequest("10.0.0.1", replacement)).allowed());
        assertDenied(auth.authenticate(curveRequest("10.0.0.1", second)), "is not allowed");
    }

    @Test
    void toStringShowsTheConfigurationButNoSecret() throws IOException {
        Path file = write("passwords", "admin:hunter2");
        String text = StandardAuthenticator.builder().passwordFile(file).allowAnyCurveKey().build().toString();
        assertTrue(text.contains(file.toString()), text);
        assertFalse(text.contains("hunter2"), text);
    }

    private static void assertDenied(AuthenticationResult result, String reason) {
        assertFalse(result.allowed(), result.toString());
        assertEquals(AuthenticationResult.DENIED, result.statusCode());
        assertTrue(result.statusText().contains(reason), result.statusText());
    }

    private static AuthenticationRequest nullRequest(String address) {
        return AuthenticationRequest.forNull("", address, NO_ID);
    }

    private static AuthenticationRequest plainRequest(String user, String password) {
        return AuthenticationRequest.forPlain("", "127.0.0.1", NO_ID, user, password);
    }

    private static AuthenticationRequest curveRequest(String address, CurveKeyPair pair) {
        return AuthenticationRequest.forCurve("", address, NO_ID, pair.publicKey());
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(directory.resolve(name), List.of(lines));
    }

    /** Rewrites a file and moves its modification time on, as an editor a second later would. */
    private static void rewrite(Path file, String... lines) throws IOException {
        Instant before = Files.exists(file) ? Files.getLastModifiedTime(file).toInstant() : Instant.now();
        Files.write(file, List.of(lines));
        Files.setLastModifiedTime(file, FileTime.from(before.plusSeconds(1)));
    }
}
