package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.CurveKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key and password values that start with {@code -}: a Z85 key may (one key in 85), and when the next
 * character is a short option's letter ({@code -t}, {@code -n}, {@code -c}, {@code -b}) picocli took
 * the value for a cluster of options and exited 2. Every key was made to start that way, for every key
 * option, in both {@code --option VALUE} and {@code --option=VALUE} form.
 */
class CliDashValueTest {

    private static final String Z85_DIGITS =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static final String OPTION_LETTERS = "tncb";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path directory;

    @Test
    void curveKeysStartingWithADashAndAnOptionLetterWorkAsSeparateValues() {
        CurveKeyPair server = dashPair('t');
        CurveKeyPair client = dashPair('n');
        CliRun recv = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--timeout-ms", "10000", "--curve-server", "--curve-secret-key", server.secretKeyZ85(),
                "--curve-allow", client.publicKeyZ85());
        String endpoint = recv.awaitBound();
        CliRun.Result send = CliRun.run("send", "--type", "PUSH", "--connect", endpoint,
                "--curve-server-key", server.publicKeyZ85(), "--curve-secret-key", client.secretKeyZ85(),
                "--curve-public-key", client.publicKeyZ85(), "dashed keys");
        assertEquals(0, send.status(), send.toString());
        CliRun.Result received = recv.finish();
        assertEquals(0, received.status(), received.toString());
        assertEquals(List.of("dashed keys"), received.lines());
    }

    @Test
    void curveKeysStartingWithADashAndAnOptionLetterWorkAfterAnEqualsSign() {
        CurveKeyPair server = dashPair('c');
        CurveKeyPair client = dashPair('b');
        CurveKeyPair other = dashPair('t');
        CliRun recv = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                "--timeout-ms", "10000", "--curve-server", "--curve-secret-key=" + server.secretKeyZ85(),
                "--curve-allow=" + other.publicKeyZ85(), "--curve-allow=" + client.publicKeyZ85());
        String endpoint = recv.awaitBound();
        CliRun.Result send = CliRun.run("send", "--type", "PUSH", "--connect", endpoint,
                "--curve-server-key=" + server.publicKeyZ85(), "--curve-secret-key=" + client.secretKeyZ85(),
                "--curve-public-key=" + client.publicKeyZ85(), "dashed keys");
        assertEquals(0, send.status(), send.toString());
        assertEquals(List.of("dashed keys"), recv.finish().lines());
    }

    @Test
    void plainPasswordsThatLookLikeOptionsAreTakenAsPasswords() throws IOException {
        for (String password : List.of("-t-secret", "--count", "-n5")) {
            for (boolean equalsForm : new boolean[] {false, true}) {
                Path users = Files.write(directory.resolve("users" + password.hashCode() + equalsForm),
                        List.of("admin:" + password));
                CliRun recv = CliRun.start("recv", "--type", "PULL", "--bind", "tcp://127.0.0.1:*", "--count", "1",
                        "--timeout-ms", "10000", "--plain-users", users.toString());
                String endpoint = recv.awaitBound();
                List<String> passwordArgs = equalsForm ? List.of("--plain-password=" + password)
                        : List.of("--plain-password", password);
                List<String> args = new java.util.ArrayList<>(List.of("send", "--type", "PUSH", "--connect",
                        endpoint, "--plain-user", "admin"));
                args.addAll(passwordArgs);
                args.add("hello");
                CliRun.Result send = CliRun.run(args.toArray(String[]::new));
                assertEquals(0, send.status(), password + ": " + send);
                assertEquals(List.of("hello"), recv.finish().lines(), password);
            }
        }
    }

    @Test
    void aKeyOptionWithoutAValueOrGivenTwiceIsStillAUsageError() {
        String secret = dashPair('t').secretKeyZ85();
        List<List<String>> cases = List.of(
                List.of("--curve-server", "--curve-secret-key"),
                List.of("--curve-server", "--curve-secret-key", secret, "--curve-secret-key", secret),
                List.of("--curve-server", "--curve-secret-key", "--count"),
                List.of("--plain-user", "u", "--plain-password"));
        for (List<String> flags : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("recv", "--type", "PULL", "--bind",
                    "tcp://127.0.0.1:*", "--timeout-ms", "100"));
            args.addAll(flags);
            CliRun.Result result = CliRun.run(args.toArray(String[]::new));
            assertEquals(2, result.status(), flags + ": " + result);
            assertEquals(1, result.err().lines().count(), result.toString());
            assertTrue(result.err().startsWith("meshmq recv: "), result.toString());
            assertTrue(result.err().contains(flags.contains("--plain-user") ? "--plain-password"
                    : "--curve-secret-key"), result.toString());
        }
    }

    /**
     * A key pair whose secret and public key both start with {@code -} followed by a letter of
     * {@link #OPTION_LETTERS}: the secret's first four bytes are chosen so that its Z85 starts with
     * {@code -} and {@code secondChar}; the rest is drawn until the public key starts that way too
     * (one draw in about 1,800).
     */
    private static CurveKeyPair dashPair(char secondChar) {
        long prefix = 63L * 85 * 85 * 85 * 85 + (long) Z85_DIGITS.indexOf(secondChar) * 85 * 85 * 85;
        while (true) {
            long value = prefix + RANDOM.nextInt(85 * 85 * 85);
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            for (int i = 0; i < 4; i++) {
                secret[i] = (byte) (value >>> (24 - 8 * i));
            }
            CurveKeyPair pair = CurveKeyPair.fromSecretKey(secret);
            String publicZ85 = pair.publicKeyZ85();
            if (publicZ85.charAt(0) == '-' && OPTION_LETTERS.indexOf(publicZ85.charAt(1)) >= 0) {
                assertTrue(pair.secretKeyZ85().startsWith("-" + secondChar), pair.secretKeyZ85());
                return pair;
            }
        }
    }
}
