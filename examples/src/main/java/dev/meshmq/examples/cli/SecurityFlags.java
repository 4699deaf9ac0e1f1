package dev.meshmq.examples.cli;

import dev.meshmq.CurveKeyPair;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.Z85;
import dev.meshmq.auth.StandardAuthenticator;
import dev.meshmq.examples.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The security options of {@code send} and {@code recv} (a picocli mixin): a CURVE or PLAIN server
 * ({@code --curve-server --curve-secret-key KEY [--curve-allow KEY ...]}, {@code --plain-users FILE})
 * or client ({@code --curve-server-key KEY}, {@code --plain-user U --plain-password P}). Servers judge
 * their clients with a {@link StandardAuthenticator}. Checks that the options fit together and sets
 * them on the socket before it binds or connects. Key and password values are taken verbatim
 * ({@link VerbatimValue}), so a Z85 key or a password that starts with {@code -} is not read as an option.
 *
 * <p>Thread-safety: one use per instance.
 */
final class SecurityFlags {

    @Option(names = "--curve-server", description = "Be a CURVE server (with --curve-secret-key).")
    private boolean curveServer;

    @Option(names = "--curve-secret-key", parameterConsumer = VerbatimValue.class, paramLabel = "Z85",
            description = "This side's CURVE secret key (a server's; a client's instead of an ephemeral one).")
    private String curveSecretKey;

    @Option(names = "--curve-public-key", parameterConsumer = VerbatimValue.class, paramLabel = "Z85",
            description = "A CURVE client's public key, checked against --curve-secret-key.")
    private String curvePublicKey;

    @Option(names = "--curve-allow", parameterConsumer = VerbatimValue.class, paramLabel = "Z85",
            description = "CURVE server: a client public key to accept (repeatable; default: any client key).")
    private List<String> curveAllow = new ArrayList<>();

    @Option(names = "--curve-server-key", parameterConsumer = VerbatimValue.class, paramLabel = "Z85",
            description = "Be a CURVE client of the server with this public key.")
    private String curveServerKey;

    @Option(names = "--plain-users", paramLabel = "FILE",
            description = "Be a PLAIN server accepting the user:password lines of FILE.")
    private Path plainUsers;

    @Option(names = "--plain-user", paramLabel = "USER", description = "Be a PLAIN client with this user name.")
    private String plainUser;

    @Option(names = "--plain-password", parameterConsumer = VerbatimValue.class, paramLabel = "PASSWORD",
            description = "The PLAIN client's password (default empty).")
    private String plainPassword;

    /**
     * Checks the options and sets them on a socket that has not bound or connected yet.
     *
     * @param socket the socket
     * @throws UsageException if the options do not fit together or a key is not Z85
     * @throws UncheckedIOException if the password file cannot be read
     */
    void apply(Socket socket) {
        check();
        if (curveServer) {
            CurveKeyPair pair = CurveKeyPair.fromSecretKey(key("--curve-secret-key", curveSecretKey));
            socket.set(SocketOptions.CURVE_SERVER, true);
            socket.set(SocketOptions.CURVE_SECRET_KEY, pair.secretKey());
            socket.set(SocketOptions.CURVE_PUBLIC_KEY, pair.publicKey());
            pair.destroy();
            socket.set(SocketOptions.AUTHENTICATOR, curveAuthenticator());
        } else if (curveServerKey != null) {
            byte[] serverKey = key("--curve-server-key", curveServerKey);
            CurveKeyPair pair = curveSecretKey == null ? CurveKeyPair.generate()
                    : CurveKeyPair.fromSecretKey(key("--curve-secret-key", curveSecretKey));
            if (curvePublicKey != null && !Arrays.equals(pair.publicKey(), key("--curve-public-key", curvePublicKey))) {
                throw new UsageException("--curve-public-key is not the public key of --curve-secret-key");
            }
            socket.set(SocketOptions.CURVE_SERVER_KEY, serverKey);
            socket.set(SocketOptions.CURVE_PUBLIC_KEY, pair.publicKey());
            socket.set(SocketOptions.CURVE_SECRET_KEY, pair.secretKey());
            pair.destroy();
        } else if (plainUsers != null) {
            socket.set(SocketOptions.PLAIN_SERVER, true);
            socket.set(SocketOptions.AUTHENTICATOR, plainAuthenticator());
        } else if (plainUser != null) {
            socket.set(SocketOptions.PLAIN_USERNAME, plainUser);
            socket.set(SocketOptions.PLAIN_PASSWORD, plainPassword == null ? "" : plainPassword);
        }
    }

    private void check() {
        int roles = (curveServer ? 1 : 0) + (curveServerKey != null ? 1 : 0) + (plainUsers != null ? 1 : 0)
                + (plainUser != null ? 1 : 0);
        if (roles > 1) {
            throw new UsageException("choose one of --curve-server, --curve-server-key, --plain-users and "
                    + "--plain-user");
        }
        if (curveServer && curveSecretKey == null) {
            throw new UsageException("--curve-server needs --curve-secret-key");
        }
        if (!curveAllow.isEmpty() && !curveServer) {
            throw new UsageException("--curve-allow goes with --curve-server");
        }
        if (curveSecretKey != null && !curveServer && curveServerKey == null) {
            throw new UsageException("--curve-secret-key goes with --curve-server or --curve-server-key");
        }
        if (curvePublicKey != null && (curveServerKey == null || curveSecretKey == null)) {
            throw new UsageException("--curve-public-key goes with --curve-server-key and --curve-secret-key");
        }
        if (plainPassword != null && plainUser == null) {
            throw new UsageException("--plain-password goes with --plain-user");
        }
    }

    private StandardAuthenticator curveAuthenticator() {
        StandardAuthenticator.Builder builder = StandardAuthenticator.builder();
        if (curveAllow.isEmpty()) {
            builder.allowAnyCurveKey();
        }
        for (String allowed : curveAllow) {
            builder.allowCurveKey(key("--curve-allow", allowed));
        }
        return build(builder);
    }

    private StandardAuthenticator plainAuthenticator() {
        return build(StandardAuthenticator.builder().passwordFile(plainUsers));
    }

    private static StandardAuthenticator build(StandardAuthenticator.Builder builder) {
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static byte[] key(String option, String z85) {
        try {
            return Z85.decodeKey(z85);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }
}
