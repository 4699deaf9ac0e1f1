package dev.meshmq.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.CurveKeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveCertificateTest {

    @TempDir
    Path directory;

    @Test
    void savesAPublicAndASecretFileThatLoadBack() throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("name", "server one & co");
        metadata.put("quote", "say \"hi\"");
        metadata.put("email", "ops@example.com");
        CurveKeyPair pair = CurveKeyPair.generate();
        Path file = directory.resolve("server");
        CurveCertificate.of(pair, metadata).save(file);

        String publicText = Files.readString(file);
        assertFalse(publicText.contains(pair.secretKeyZ85()), publicText);
        assertFalse(publicText.contains("secret-key"), publicText);
        CurveCertificate loadedPublic = CurveCertificate.load(file);
        assertEquals(pair.publicKeyZ85(), loadedPublic.publicKeyZ85());
        assertFalse(loadedPublic.hasSecretKey());
        assertTrue(loadedPublic.keyPair().isEmpty());
        assertEquals(metadata, loadedPublic.metadata());
        assertEquals(List.copyOf(metadata.keySet()), List.copyOf(loadedPublic.metadata().keySet()));

        Path secretFile = directory.resolve("server_secret");
        assertEquals(secretFile, CurveCertificate.secretFileOf(file));
        CurveCertificate loadedSecret = CurveCertificate.load(secretFile);
        assertTrue(loadedSecret.hasSecretKey());
        assertArrayEquals(pair.secretKey(), loadedSecret.keyPair().orElseThrow().secretKey());
        assertEquals(metadata, loadedSecret.metadata());
        assertFalse(loadedSecret.toString().contains(pair.secretKeyZ85()));
    }

    @Test
    void theSecretFileIsReadableByItsOwnerOnlyEvenWhenItReplacesAnOpenOne() throws IOException {
        Path file = directory.resolve("client");
        Path secretFile = CurveCertificate.secretFileOf(file);
        Files.writeString(secretFile, "old");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-rw-rw-"));
        CurveCertificate.generate(Map.of()).save(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        try (var listing = Files.list(directory)) {
            assertEquals(List.of("client", "client_secret"), listing.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary file is left");
        }
    }

    @Test
    void aPublicCertificateSavesOneFile() throws IOException {
        CurveKeyPair pair = CurveKeyPair.generate();
        Path file = directory.resolve("peer.key");
        CurveCertificate.ofPublicKey(pair.publicKey(), Map.of("name", "peer")).save(file);
        assertFalse(Files.exists(CurveCertificate.secretFileOf(file)));
        assertEquals(pair.publicKeyZ85(), CurveCertificate.load(file).publicKeyZ85());
    }

    @Test
    void loadsTheFilesPyzmqMakes() throws Exception {
        List<String> keys = Python3.run("import sys, zmq.auth\n"
                + "pub, sec = zmq.auth.create_certificates(sys.argv[1], 'made-by-pyzmq', "
                + "metadata={'name': 'Alice & co', 'email': 'a@b.c'})\n"
                + "p, s = zmq.auth.load_certificate(sec)\n"
                + "print(p.decode()); print(s.decode())\n", directory.toString());
        CurveCertificate publicCert = CurveCertificate.load(directory.resolve("made-by-pyzmq.key"));
        assertEquals(keys.get(0), publicCert.publicKeyZ85());
        CurveCertificate secretCert = CurveCertificate.load(directory.resolve("made-by-pyzmq.key_secret"));
        assertEquals(keys.get(0), secretCert.publicKeyZ85());
        assertEquals(keys.get(1), secretCert.keyPair().orElseThrow().secretKeyZ85());
        assertEquals(Map.of("name", "Alice & co", "email", "a@b.c"), secretCert.metadata());
    }

    @Test
    void pyzmqLoadsTheFilesWeWrite() throws Exception {
        CurveKeyPair pair = CurveKeyPair.generate();
        // pyzmq's load_certificates(directory) reads the files named *.key.
        Path file = directory.resolve("ours.key");
        CurveCertificate.of(pair, Map.of("name", "ours")).save(file);
        List<String> keys = Python3.run("import sys, zmq.auth\n"
                + "p, s = zmq.auth.load_certificate(sys.argv[1])\n"
                + "print(p.decode(), s)\n"
                + "p, s = zmq.auth.load_certificate(sys.argv[1] + '_secret')\n"
                + "print(p.decode(), s.decode())\n"
                + "print(len(zmq.auth.load_certificates(sys.argv[2])))\n", file.toString(), directory.toString());
        assertEquals(List.of(pair.publicKeyZ85() + " None", pair.publicKeyZ85() + " " + pair.secretKeyZ85(), "1"),
                keys);
    }

    @Test
    void readsCzmqStyleFilesWithQuotesCommentsAndTabs() throws IOException {
        CurveKeyPair pair = CurveKeyPair.generate();
        Path file = write("czmq", "#   ****  Generated on 2015-01-01 by CZMQ  ****",
                "#   ZeroMQ CURVE **Secret** Certificate",
                "",
                "metadata",
                "    name = 'single \"quoted\"'    # a comment",
                "\temail = \"x@y.z\"",
                "    plain = bare value # trailing",
                "    nested",
                "        deeper = ignored",
                "curve",
                "    public-key = \"" + pair.publicKeyZ85() + "\"",
                "    secret-key = \"" + pair.secretKeyZ85() + "\"");
        CurveCertificate cert = CurveCertificate.load(file);
        assertEquals(pair.publicKeyZ85(), cert.publicKeyZ85());
        assertTrue(cert.hasSecretKey());
        assertEquals("single \"quoted\"", cert.metadata().get("name"));
        assertEquals("x@y.z", cert.metadata().get("email"));
        assertEquals("bare value", cert.metadata().get("plain"));
        assertFalse(cert.metadata().containsKey("deeper"));
        assertFalse(cert.metadata().containsKey("nested/deeper"));
    }

    @Test
    void refusesFilesThatAreNotCertificatesNamingTheFile() throws IOException {
        CurveKeyPair pair = CurveKeyPair.generate();
        CurveKeyPair other = CurveKeyPair.generate();
        String mismatched = "    secret-key = \"" + pair.secretKeyZ85() + "\"";
        String[][] bad = {
            {"metadata", "curve", "    secret-key = \"" + pair.secretKeyZ85() + "\""},
            {"curve", "    public-key = \"" + pair.publicKeyZ85().substring(1) + "\""},
            {"curve", "    public-key = \"" + pair.publicKeyZ85().substring(1) + " \""},
            {"curve", "    public-key = \"" + other.publicKeyZ85() + "\"", mismatched},
            {"curve", "    public-key = \"" + pair.publicKeyZ85()},
            {"curve", "    public-key = \"" + pair.publicKeyZ85() + "\" junk"},
            {"this is not zpl"},
            {},
        };
        for (int i = 0; i < bad.length; i++) {
            Path file = write("bad" + i, bad[i]);
            IOException e = assertThrows(IOException.class, () -> CurveCertificate.load(file), "case " + i);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertFalse(e.getMessage().contains(pair.secretKeyZ85()), e.getMessage());
        }
        assertThrows(NoSuchFileException.class, () -> CurveCertificate.load(directory.resolve("missing")));
        Path binary = directory.resolve("binary");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThrows(IOException.class, () -> CurveCertificate.load(binary));
    }

    @Test
    void refusesMetadataThatCannotBeWritten() {
        CurveKeyPair pair = CurveKeyPair.generate();
        for (String name : new String[] {"", "two words", "a=b", "#x", "q\"", "a/b"}) {
            assertThrows(IllegalArgumentException.class, () -> CurveCertificate.of(pair, Map.of(name, "v")), name);
        }
        assertThrows(IllegalArgumentException.class, () -> CurveCertificate.of(pair, Map.of("n", "a\nb")));
        assertThrows(IllegalArgumentException.class, () -> CurveCertificate.of(pair, Map.of("n", "'\"")));
        assertThrows(IllegalArgumentException.class, () -> CurveCertificate.ofPublicKey(new byte[31], Map.of()));
    }

    private Path write(String name, String... lines) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
