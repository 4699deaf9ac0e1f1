package dev.meshmq.transport.zmtp;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A peer's ZMTP greeting as decoded by {@link GreetingDecoder}, and the writer of our own greeting.
 *
 * <p>Threading: immutable, safe to share; {@link #write} uses only its arguments.
 */
public final class Greeting {

    /** Padding bytes 1-8 as we send them: libzmq sends "routing-id length + 1", 1 for none. */
    private static final int PADDING_SIZE = 8;

    private final int major;
    private final int minor;
    private final String mechanism;
    private final boolean asServer;

    Greeting(int major, int minor, String mechanism, boolean asServer) {
        this.major = major;
        this.minor = minor;
        this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
        this.asServer = asServer;
    }

    /**
     * Writes a complete 64-byte ZMTP 3.1 greeting at the position of {@code out}.
     *
     * @param out the buffer; needs 64 bytes of room, else nothing is written
     * @param mechanism the security mechanism, 1-20 characters of A-Z 0-9 - _ . +
     * @param asServer whether we take the server role of the mechanism
     * @throws BufferOverflowException if {@code out} has less than 64 bytes of room
     * @throws IllegalArgumentException if the mechanism name is not legal
     */
    public static void write(ByteBuffer out, String mechanism, boolean asServer) {
        Objects.requireNonNull(mechanism, "mechanism");
        if (mechanism.isEmpty() || mechanism.length() > ZmtpWire.MECHANISM_SIZE) {
            throw new IllegalArgumentException("mechanism must have 1-20 characters: '" + mechanism + "'");
        }
        for (int i = 0; i < mechanism.length(); i++) {
            if (!isMechanismChar(mechanism.charAt(i))) {
                throw new IllegalArgumentException("mechanism may only use A-Z 0-9 - _ . +: '" + mechanism + "'");
            }
        }
        if (out.remaining() < ZmtpWire.GREETING_SIZE) {
            throw new BufferOverflowException();
        }
        out.put(ZmtpWire.SIGNATURE_START);
        for (int i = 1; i < PADDING_SIZE; i++) {
            out.put((byte) 0);
        }
        out.put((byte) 1);
        out.put(ZmtpWire.SIGNATURE_END);
        out.put((byte) ZmtpWire.VERSION_MAJOR);
        out.put((byte) ZmtpWire.VERSION_MINOR);
        byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        out.put(name);
        for (int i = name.length; i < ZmtpWire.MECHANISM_SIZE; i++) {
            out.put((byte) 0);
        }
        out.put((byte) (asServer ? 1 : 0));
        for (int i = ZmtpWire.AS_SERVER_OFFSET + 1; i < ZmtpWire.GREETING_SIZE; i++) {
            out.put((byte) 0);
        }
    }

    /**
     * Returns whether {@code c} may appear in a mechanism name (A-Z 0-9 - _ . +).
     *
     * @param c the character or byte value
     * @return true if legal
     */
    static boolean isMechanismChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '+';
    }

    /**
     * Returns the peer's major version, at least 3.
     *
     * @return the major version
     */
    public int major() {
        return major;
    }

    /**
     * Returns the peer's minor version (0 for a ZMTP 3.0 peer).
     *
     * @return the minor version
     */
    public int minor() {
        return minor;
    }

    /**
     * Returns the peer's mechanism name without the NUL padding.
     *
     * @return the mechanism, e.g. "NULL"
     */
    public String mechanism() {
        return mechanism;
    }

    /**
     * Returns the peer's as-server byte. libzmq always sends false, so never rely on it.
     *
     * @return true if the byte was non-zero
     */
    public boolean asServer() {
        return asServer;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Greeting)) {
            return false;
        }
        Greeting that = (Greeting) other;
        return major == that.major && minor == that.minor && asServer == that.asServer
                && mechanism.equals(that.mechanism);
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, mechanism, asServer);
    }

    @Override
    public String toString() {
        return "Greeting[ZMTP " + major + "." + minor + ", " + mechanism + (asServer ? ", as-server]" : "]");
    }
}
