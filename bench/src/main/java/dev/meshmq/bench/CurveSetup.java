package dev.meshmq.bench;

import dev.meshmq.CurveKeyPair;
import dev.meshmq.Z85;

/**
 * The keys of a {@code --curve} run: the binding side is the CURVE server, the connecting side the
 * client, and both libraries use the same throwaway key pairs (CURVE keys are the same on the wire).
 * The parent makes them and hands them to a peer child on its command line ({@code --curve-keys}).
 *
 * <p>Thread-safety: immutable.
 */
final class CurveSetup {

    final byte[] serverPublic;
    final byte[] serverSecret;
    final byte[] clientPublic;
    final byte[] clientSecret;

    private CurveSetup(byte[] serverPublic, byte[] serverSecret, byte[] clientPublic, byte[] clientSecret) {
        this.serverPublic = serverPublic;
        this.serverSecret = serverSecret;
        this.clientPublic = clientPublic;
        this.clientSecret = clientSecret;
    }

    /** Makes fresh server and client key pairs. */
    static CurveSetup generate() {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        return new CurveSetup(server.publicKey(), server.secretKey(), client.publicKey(), client.secretKey());
    }

    /**
     * Reads the keys from {@link #toArgument()}'s text.
     *
     * @param text four Z85 keys joined by ','
     * @return the keys
     * @throws UsageException if the text is not four 40-character Z85 keys
     */
    static CurveSetup parse(String text) throws UsageException {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new UsageException("--curve-keys takes four Z85 keys joined by ','");
        }
        try {
            return new CurveSetup(Z85.decodeKey(parts[0]), Z85.decodeKey(parts[1]), Z85.decodeKey(parts[2]),
                    Z85.decodeKey(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--curve-keys: " + e.getMessage());
        }
    }

    /** Returns the keys as one command-line argument for a peer child. */
    String toArgument() {
        return String.join(",", Z85.encode(serverPublic), Z85.encode(serverSecret), Z85.encode(clientPublic),
                Z85.encode(clientSecret));
    }
}
