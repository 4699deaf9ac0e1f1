package dev.meshmq.auth;

import dev.meshmq.CurveKeyPair;
import dev.meshmq.Z85;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A CURVE certificate: a public key, perhaps its secret key, and metadata (name = value pairs), kept
 * in CZMQ's zcert text format so that certificates made by CZMQ, pyzmq ({@code zmq.auth}) or
 * {@code meshmq keygen --out} load here and the other way round.
 *
 * <p>A certificate is two files: {@code NAME} with the metadata and the public key, to hand out, and
 * {@code NAME_secret} with the secret key too, to keep. Both are ZPL text:
 *
 * <pre>
 * #   a comment
 * metadata
 *     name = "server 1"
 * curve
 *     public-key = "rq:rM&gt;}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
 *     secret-key = "JTKVSB%%)wK0E.X)V&gt;+}o?pNmC{O&amp;4W4b!Ni{Lh6"
 * </pre>
 *
 * <p>Thread-safety: immutable; keys are copied in and out.
 */
public final class CurveCertificate {

    /** What the secret file's name adds to the public file's name. */
    public static final String SECRET_SUFFIX = "_secret";

    private static final String PUBLIC_KEY = "curve/public-key";
    private static final String SECRET_KEY = "curve/secret-key";
    private static final String METADATA = "metadata/";

    private final byte[] publicKey;
    private final byte[] secretKey;
    private final Map<String, String> metadata;

    private CurveCertificate(byte[] publicKey, byte[] secretKey, Map<String, String> metadata) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        Map<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((name, value) -> {
            ZplFile.checkName(name);
            ZplFile.quote(Objects.requireNonNull(value, "metadata value"));
            copy.put(name, value);
        });
        this.metadata = Collections.unmodifiableMap(copy);
    }

    /**
     * Makes a certificate of a new key pair.
     *
     * @param metadata names and values to keep with it (names without white space, '=', '#' or quotes)
     * @return the certificate, with its secret key
     */
    public static CurveCertificate generate(Map<String, String> metadata) {
        return of(CurveKeyPair.generate(), metadata);
    }

    /**
     * Makes a certificate of a key pair.
     *
     * @param pair the keys, copied
     * @param metadata names and values to keep with it
     * @return the certificate, with its secret key
     */
    public static CurveCertificate of(CurveKeyPair pair, Map<String, String> metadata) {
        return new CurveCertificate(pair.publicKey(), pair.secretKey(), metadata);
    }

    /**
     * Makes a certificate of a public key only, as for a peer.
     *
     * @param publicKey32 the 32-byte public key, copied
     * @param metadata names and values to keep with it
     * @return the certificate, without a secret key
     */
    public static CurveCertificate ofPublicKey(byte[] publicKey32, Map<String, String> metadata) {
        if (publicKey32.length != 32) {
            throw new IllegalArgumentException("a CURVE public key has 32 bytes, not " + publicKey32.length);
        }
        return new CurveCertificate(publicKey32.clone(), null, metadata);
    }

    /**
     * Reads a certificate file, public ({@code NAME}) or secret ({@code NAME_secret}).
     *
     * @param file the file
     * @return the certificate, with a secret key if the file holds one
     * @throws IOException if the file cannot be read, or (naming the file) it is not a certificate: no
     *         {@code curve/public-key}, a key that is not 40 Z85 characters, or a secret key whose
     *         public key is not the one in the file
     */
    public static CurveCertificate load(Path file) throws IOException {
        Map<String, String> values = ZplFile.parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        String publicText = values.get(PUBLIC_KEY);
        if (publicText == null) {
            throw new IOException(file + " is not a CURVE certificate: it has no curve/public-key");
        }
        byte[] publicKey = key(file, "public", publicText);
        byte[] secretKey = null;
        String secretText = values.get(SECRET_KEY);
        if (secretText != null) {
            secretKey = key(file, "secret", secretText);
            CurveKeyPair pair = CurveKeyPair.fromSecretKey(secretKey);
            if (!Arrays.equals(pair.publicKey(), publicKey)) {
                pair.destroy();
                Arrays.fill(secretKey, (byte) 0);
                throw new IOException(file + ": the public key is not the one of the secret key");
            }
            pair.destroy();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        values.forEach((path, value) -> {
            if (path.startsWith(METADATA) && path.indexOf('/', METADATA.length()) < 0) {
                metadata.put(path.substring(METADATA.length()), value);
            }
        });
        try {
            return new CurveCertificate(publicKey, secretKey, metadata);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the secret file that goes with a public certificate file.
     *
     * @param publicFile the public file, {@code NAME}
     * @return {@code NAME_secret} beside it
     */
    public static Path secretFileOf(Path publicFile) {
        return publicFile.resolveSibling(publicFile.getFileName() + SECRET_SUFFIX);
    }

    /**
     * Writes the certificate: the public file, and if this certificate has a secret key, the secret
     * file beside it ({@link #secretFileOf}), readable by its owner only where the file system has
     * POSIX permissions. Existing files are replaced.
     *
     * @param publicFile where the public file goes
     * @throws IOException if a file cannot be written
     */
    public void save(Path publicFile) throws IOException {
        Files.writeString(publicFile, text(false), StandardCharsets.UTF_8);
        if (secretKey != null) {
            writeSecretFile(secretFileOf(publicFile), text(true));
        }
    }

    /**
     * Returns the public key.
     *
     * @return a copy of the 32 bytes
     */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * Returns the public key as text.
     *
     * @return 40 Z85 characters
     */
    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    /**
     * Returns whether this certificate holds a secret key (it was made here or read from a secret file).
     *
     * @return true if it has one
     */
    public boolean hasSecretKey() {
        return secretKey != null;
    }

    /**
     * Returns the key pair of a certificate with a secret key.
     *
     * @return a new pair, or empty for a public certificate
     */
    public Optional<CurveKeyPair> keyPair() {
        return secretKey == null ? Optional.empty() : Optional.of(CurveKeyPair.fromSecretKey(secretKey));
    }

    /**
     * Returns the metadata.
     *
     * @return an unmodifiable map, in file order
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Shows the public key and metadata, never the secret key.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "CurveCertificate[public=" + publicKeyZ85() + (secretKey == null ? "" : ", with secret key")
                + (metadata.isEmpty() ? "" : ", metadata=" + metadata) + "]";
    }

    private String text(boolean withSecret) {
        StringBuilder text = new StringBuilder();
        text.append("#   ****  Generated by MeshMQ at ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append("  ****\n");
        if (withSecret) {
            text.append("#   ZeroMQ CURVE **Secret** Certificate\n")
                    .append("#   Keep this file to yourself; do not make it readable by others.\n");
        } else {
            text.append("#   ZeroMQ CURVE Public Certificate\n")
                    .append("#   Give this file to peers over a channel you trust, or check it after.\n");
        }
        text.append("\nmetadata\n");
        metadata.forEach((name, value) -> text.append("    ").append(name).append(" = ")
                .append(ZplFile.quote(value)).append('\n'));
        text.append("curve\n    public-key = \"").append(publicKeyZ85()).append("\"\n");
        if (withSecret) {
            text.append("    secret-key = \"").append(Z85.encode(secretKey)).append("\"\n");
        }
        return text.toString();
    }

    private static void writeSecretFile(Path file, String text) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return;
        }
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] key(Path file, String which, String text) throws IOException {
        try {
            return Z85.decodeKey(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the " + which + " key is not a Z85 key: " + e.getMessage(), e);
        }
    }
}
