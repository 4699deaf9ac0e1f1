package dev.meshmq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CurveKeyPairTest {

    // RFC 7748 section 6.1: Alice's private key and the public key X25519(a, 9).
    private static final String RFC7748_ALICE_SECRET =
            "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    private static final String RFC7748_ALICE_PUBLIC =
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";

    @Test
    void derivesThePublicKeyOfRfc7748() {
        CurveKeyPair pair = CurveKeyPair.fromSecretKey(HexFormat.of().parseHex(RFC7748_ALICE_SECRET));
        assertEquals(RFC7748_ALICE_PUBLIC, HexFormat.of().formatHex(pair.publicKey()));
    }

    @Test
    void derivesTheSamePublicKeyAsLibzmq() throws Exception {
        List<String> lines = python("import zmq\n"
                + "for _ in range(5):\n"
                + "    p, s = zmq.curve_keypair()\n"
                + "    print(p.decode(), s.decode())\n");
        assertEquals(5, lines.size(), lines.toString());
        for (String line : lines) {
            String[] keys = line.split(" ");
            CurveKeyPair pair = CurveKeyPair.fromSecretKey(Z85.decodeKey(keys[1]));
            assertEquals(keys[0], pair.publicKeyZ85());
            assertEquals(keys[1], pair.secretKeyZ85());
        }
    }

    @Test
    void libzmqDerivesTheSamePublicKeyFromAJavaSecret() throws Exception {
        CurveKeyPair pair = CurveKeyPair.generate();
        List<String> lines = python("import zmq\n"
                + "print(zmq.curve_public(b'" + pair.secretKeyZ85() + "').decode())\n");
        assertEquals(List.of(pair.publicKeyZ85()), lines);
    }

    @Test
    void generatedPairsDifferAndAreConsistent() {
        CurveKeyPair a = CurveKeyPair.generate();
        CurveKeyPair b = CurveKeyPair.generate();
        assertFalse(java.util.Arrays.equals(a.secretKey(), b.secretKey()));
        assertNotEquals(a.publicKeyZ85(), b.publicKeyZ85());
        assertArrayEquals(a.publicKey(), CurveKeyPair.fromSecretKey(a.secretKey()).publicKey());
        assertArrayEquals(a.publicKey(), CurveKeyPair.fromSecretKeyZ85(a.secretKeyZ85()).publicKey());
        assertEquals(40, a.publicKeyZ85().length());
    }

    @Test
    void accessorsReturnCopies() {
        CurveKeyPair pair = CurveKeyPair.generate();
        byte[] secret = pair.secretKey();
        byte[] copy = pair.secretKey();
        copy[0] ^= 1;
        pair.publicKey()[0] ^= 1;
        assertArrayEquals(secret, pair.secretKey());
        byte[] input = secret.clone();
        CurveKeyPair fromInput = CurveKeyPair.fromSecretKey(input);
        input[0] ^= 1;
        assertArrayEquals(secret, fromInput.secretKey());
    }

    @Test
    void toStringShowsThePublicKeyButNeverTheSecret() {
        CurveKeyPair pair = CurveKeyPair.generate();
        String text = pair.toString();
        assertTrue(text.contains(pair.publicKeyZ85()), text);
        assertFalse(text.contains(pair.secretKeyZ85()), text);
        assertFalse(text.contains(HexFormat.of().formatHex(pair.secretKey())), text);
    }

    @Test
    void destroyZeroesTheSecretAndKeepsThePublicKey() {
        CurveKeyPair pair = CurveKeyPair.generate();
        String publicKey = pair.publicKeyZ85();
        pair.destroy();
        assertArrayEquals(new byte[32], pair.secretKey());
        assertEquals(publicKey, pair.publicKeyZ85());
    }

    @Test
    void rejectsASecretOfTheWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.fromSecretKey(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.fromSecretKey(new byte[33]));
        assertThrows(NullPointerException.class, () -> CurveKeyPair.fromSecretKey(null));
        assertThrows(IllegalArgumentException.class, () -> CurveKeyPair.fromSecretKeyZ85("short"));
    }

    private static List<String> python(String program) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", program)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, process.exitValue(), "python3 failed: " + output);
        return lines;
    }
}
