package dev.meshmq.auth;

import dev.meshmq.AuthenticationRequest;
import dev.meshmq.AuthenticationResult;
import dev.meshmq.Authenticator;
import dev.meshmq.Z85;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A ready-made {@link Authenticator}, in the manner of CZMQ's zauth: an address allow list or deny
 * list for every mechanism, a password file for PLAIN, and for CURVE any client key, a set of allowed
 * keys and/or a directory of public certificates.
 *
 * <pre>{@code
 * StandardAuthenticator auth = StandardAuthenticator.builder()
 *         .allow("10.0.0.0/8", "127.0.0.1")
 *         .certificateDirectory(Path.of("/etc/myapp/clients"))
 *         .build();
 * }</pre>
 *
 * <p>The address check comes first: with an allow list only listed addresses pass; with a deny list
 * listed addresses are refused. Then NULL peers are allowed; a PLAIN peer needs its user name and
 * password in the password file (its User-Id is the user name); a CURVE peer needs its key allowed
 * (its User-Id is its public key in Z85, and a certificate's metadata become its properties). Every
 * denial has status 400 and says why.
 *
 * <p>Files are re-read by {@link #reload()}, and when {@link #authenticate} sees that one changed
 * (modification time or size; checked at most once per check interval, 1 s unless set). A file that
 * cannot be read then keeps its old contents, and the problem is logged.
 *
 * <p>Thread-safety: thread-safe; it may serve several sockets and contexts, and {@link #reload()} may
 * be called from any thread.
 */
public final class StandardAuthenticator implements Authenticator {

    private static final System.Logger LOG = System.getLogger(StandardAuthenticator.class.getName());
    private static final int MAX_PROPERTY_NAME = 255;

    private final AddressList allowed;
    private final AddressList denied;
    private final Path passwordPath;
    private final boolean anyCurveKey;
    private final Set<String> curveKeys;
    private final Path certificatePath;
    private final long checkIntervalNanos;
    private final LongSupplier nanoClock;
    private final Object reloadLock = new Object();
    private volatile LoadedFile<PasswordFile> passwords;
    private volatile LoadedFile<CertificateDirectory> certificates;
    private volatile long nextCheck;

    private StandardAuthenticator(Builder builder) throws IOException {
        this.allowed = AddressList.of(builder.allowed);
        this.denied = AddressList.of(builder.denied);
        this.passwordPath = builder.passwordPath;
        this.anyCurveKey = builder.anyCurveKey;
        this.curveKeys = Set.copyOf(builder.curveKeys);
        this.certificatePath = builder.certificatePath;
        this.checkIntervalNanos = builder.checkInterval.toNanos();
        this.nanoClock = builder.nanoClock;
        try {
            this.passwords = passwordPath == null ? null
                    : new LoadedFile<>(PasswordFile.load(passwordPath), FileStamp.of(passwordPath));
        } catch (FileSystemException e) {
            throw new IOException("cannot read the password file " + passwordPath + ": " + reason(e), e);
        }
        try {
            this.certificates = certificatePath == null ? null
                    : new LoadedFile<>(CertificateDirectory.load(certificatePath), FileStamp.of(certificatePath));
        } catch (FileSystemException e) {
            throw new IOException("cannot read the certificate directory " + certificatePath + ": " + reason(e), e);
        }
        this.nextCheck = nanoClock.getAsLong() + checkIntervalNanos;
    }

    /**
     * Starts a builder.
     *
     * @return a builder with nothing configured: it allows NULL peers from any address and denies
     *         PLAIN and CURVE peers
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AuthenticationResult authenticate(AuthenticationRequest request) {
        String address = request.address();
        if (!allowed.isEmpty() && !allowed.contains(address)) {
            return AuthenticationResult.deny("address '" + address + "' is not on the allow list");
        }
        if (denied.contains(address)) {
            return AuthenticationResult.deny("address '" + address + "' is on the deny list");
        }
        switch (request.mechanism()) {
            case "NULL":
                return AuthenticationResult.allow("");
            case "PLAIN":
                return plain(request.username().orElse(""), request.password().orElse(""));
            case "CURVE":
                return curve(request.clientPublicKey().orElseThrow());
            default:
                return AuthenticationResult.deny("mechanism " + request.mechanism() + " is not supported");
        }
    }

    /**
     * Re-reads the password file and the certificate directory now. A file that cannot be read keeps
     * its old contents; the problem is logged.
     *
     * @return true if every file was read
     */
    public boolean reload() {
        synchronized (reloadLock) {
            boolean ok = true;
            if (passwordPath != null) {
                ok &= reloadPasswords(FileStamp.of(passwordPath));
            }
            if (certificatePath != null) {
                ok &= reloadCertificates(FileStamp.of(certificatePath));
            }
            nextCheck = nanoClock.getAsLong() + checkIntervalNanos;
            return ok;
        }
    }

    private AuthenticationResult plain(String user, String password) {
        if (passwordPath == null) {
            return AuthenticationResult.deny("PLAIN is not configured: no password file");
        }
        reloadIfChanged();
        if (!passwords.content.matches(user, password)) {
            return AuthenticationResult.deny("wrong user name or password (user '" + user + "')");
        }
        return AuthenticationResult.allow(user);
    }

    private AuthenticationResult curve(byte[] clientKey) {
        String key = Z85.encode(clientKey);
        if (anyCurveKey || curveKeys.contains(key)) {
            return AuthenticationResult.allow(key);
        }
        if (certificatePath != null) {
            reloadIfChanged();
            CurveCertificate certificate = certificates.content.find(key);
            if (certificate != null) {
                return AuthenticationResult.allow(key, properties(certificate.metadata()));
            }
        }
        if (curveKeys.isEmpty() && certificatePath == null) {
            return AuthenticationResult.deny("CURVE is not configured: no client key is allowed");
        }
        return AuthenticationResult.deny("client key " + key + " is not allowed");
    }

    private static Map<String, String> properties(Map<String, String> metadata) {
        Map<String, String> properties = new LinkedHashMap<>();
        metadata.forEach((name, value) -> {
            if (name.length() <= MAX_PROPERTY_NAME) {
                properties.put(name, value);
            }
        });
        return properties;
    }

    private void reloadIfChanged() {
        long now = nanoClock.getAsLong();
        if (now - nextCheck < 0) {
            return;
        }
        synchronized (reloadLock) {
            if (passwordPath != null) {
                FileStamp stamp = FileStamp.of(passwordPath);
                if (!stamp.equals(passwords.seen)) {
                    reloadPasswords(stamp);
                }
            }
            if (certificatePath != null) {
                FileStamp stamp = FileStamp.of(certificatePath);
                if (!stamp.equals(certificates.seen)) {
                    reloadCertificates(stamp);
                }
            }
            nextCheck = now + checkIntervalNanos;
        }
    }

    private boolean reloadPasswords(FileStamp stamp) {
        try {
            passwords = new LoadedFile<>(PasswordFile.load(passwordPath), stamp);
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "keeping the old passwords: cannot read " + passwordPath + ": "
                    + reason(e));
            passwords = new LoadedFile<>(passwords.content, stamp);
            return false;
        }
    }

    private boolean reloadCertificates(FileStamp stamp) {
        try {
            certificates = new LoadedFile<>(CertificateDirectory.load(certificatePath), stamp);
            return true;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "keeping the old certificates: cannot read " + certificatePath
                    + ": " + reason(e));
            certificates = new LoadedFile<>(certificates.content, stamp);
            return false;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason() : String.valueOf(e.getMessage());
    }

    @Override
    public String toString() {
        return "StandardAuthenticator[" + (allowed.isEmpty() ? "" : "allow list, ")
                + (denied.isEmpty() ? "" : "deny list, ") + (passwordPath == null ? "" : "passwords " + passwordPath
                + ", ") + (anyCurveKey ? "any CURVE key" : curveKeys.size() + " CURVE keys")
                + (certificatePath == null ? "" : ", certificates " + certificatePath) + "]";
    }

    /**
     * Configures a {@link StandardAuthenticator}.
     *
     * <p>Thread-safety: not thread-safe; use from one thread.
     */
    public static final class Builder {

        private final List<String> allowed = new ArrayList<>();
        private final List<String> denied = new ArrayList<>();
        private final Set<String> curveKeys = new HashSet<>();
        private Path passwordPath;
        private boolean anyCurveKey;
        private Path certificatePath;
        private Duration checkInterval = Duration.ofSeconds(1);
        private LongSupplier nanoClock = System::nanoTime;

        private Builder() {
        }

        /**
         * Allows only these addresses (for every mechanism). Cannot be combined with {@link #deny}.
         *
         * @param addresses IP addresses ("192.0.2.7", "::1") or CIDR blocks ("10.0.0.0/8")
         * @return this builder
         * @throws IllegalArgumentException naming an entry that is neither
         */
        public Builder allow(String... addresses) {
            AddressList.of(List.of(addresses));
            Collections.addAll(allowed, addresses);
            return this;
        }

        /**
         * Denies these addresses (for every mechanism). Cannot be combined with {@link #allow}.
         *
         * @param addresses IP addresses or CIDR blocks
         * @return this builder
         * @throws IllegalArgumentException naming an entry that is neither
         */
        public Builder deny(String... addresses) {
            AddressList.of(List.of(addresses));
            Collections.addAll(denied, addresses);
            return this;
        }

        /**
         * Accepts PLAIN peers whose user name and password are in a file of {@code user:password}
         * lines ({@code #} comments and blank lines allowed; the password is the rest of the line).
         *
         * @param file the password file
         * @return this builder
         */
        public Builder passwordFile(Path file) {
            this.passwordPath = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Accepts every CURVE client key (CURVE then encrypts but does not authenticate clients).
         *
         * @return this builder
         */
        public Builder allowAnyCurveKey() {
            this.anyCurveKey = true;
            return this;
        }

        /**
         * Accepts a CURVE client key.
         *
         * @param publicKeyZ85 the client's public key, 40 Z85 characters
         * @return this builder
         * @throws IllegalArgumentException if it is not a Z85 key
         */
        public Builder allowCurveKey(String publicKeyZ85) {
            curveKeys.add(Z85.encode(Z85.decodeKey(publicKeyZ85)));
            return this;
        }

        /**
         * Accepts a CURVE client key.
         *
         * @param publicKey32 the client's public key, 32 bytes
         * @return this builder
         * @throws IllegalArgumentException if it does not have 32 bytes
         */
        public Builder allowCurveKey(byte[] publicKey32) {
            if (publicKey32.length != 32) {
                throw new IllegalArgumentException("a CURVE public key has 32 bytes, not " + publicKey32.length);
            }
            curveKeys.add(Z85.encode(publicKey32));
            return this;
        }

        /**
         * Accepts the CURVE client keys of the public certificates in a directory (every file but
         * hidden ones and {@code *_secret} files), such as {@code meshmq keygen --out}, CZMQ or pyzmq
         * write. A certificate's metadata become the peer's properties.
         *
         * @param directory the directory
         * @return this builder
         */
        public Builder certificateDirectory(Path directory) {
            this.certificatePath = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets how often {@code authenticate} looks whether a file changed.
         *
         * @param interval at least zero (zero: at every call); 1 s unless set
         * @return this builder
         */
        public Builder checkInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("the check interval is not negative: " + interval);
            }
            this.checkInterval = interval;
            return this;
        }

        Builder nanoClock(LongSupplier clock) {
            this.nanoClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the authenticator, reading its files.
         *
         * @return the authenticator
         * @throws IOException naming the path if the password file or certificate directory cannot be
         *         read, or a password file line is malformed
         * @throws IllegalStateException if both an allow list and a deny list are given
         */
        public StandardAuthenticator build() throws IOException {
            if (!allowed.isEmpty() && !denied.isEmpty()) {
                throw new IllegalStateException("give an allow list or a deny list, not both");
            }
            return new StandardAuthenticator(this);
        }
    }
}
