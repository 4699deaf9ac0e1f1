package dev.meshmq.transport;

import dev.meshmq.transport.curve.BoxKey;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import java.util.Arrays;

/**
 * The cookie keys of one context's CURVE servers (RFC 26, WELCOME): a server puts its short-term
 * secret key and the client's short-term public key in a cookie, a secretbox under the current key,
 * and keeps nothing about the client until INITIATE brings the cookie back. A flood of HELLOs so costs
 * no memory beyond the connections themselves.
 *
 * <p>The key is replaced every {@link #ROTATION_NANOS}; a cookie opens under the current or the
 * previous key, so it lives at least that long and at most twice that, and a cookie made by another
 * context (another server) or under an older key fails.
 *
 * <p>Thread-safety: safe for any thread (one lock; a seal or an open is a few microseconds).
 */
final class CurveCookieJar {

    /** How long a cookie key seals new cookies. */
    static final long ROTATION_NANOS = 60_000_000_000L;
    /** A cookie: nonce (16) and box of the client's short-term public key and the server's short-term secret. */
    static final int COOKIE_SIZE = CurveBoxes.LONG_NONCE + 2 * CurveBoxes.KEY + CurveBoxes.TAG;

    private final NanoClock clock;
    private BoxKey current = BoxKey.random();
    private BoxKey previous;
    private long rotatedAt;

    CurveCookieJar(NanoClock clock) {
        this.clock = clock;
        this.rotatedAt = clock.nanoTime();
    }

    /**
     * Bakes a cookie.
     *
     * @param clientShortPublic C', 32 bytes
     * @param serverShortSecret s', 32 bytes
     * @return the 96-byte cookie
     */
    synchronized byte[] bake(byte[] clientShortPublic, byte[] serverShortSecret) {
        rotateIfDue();
        byte[] nonce = CurveBoxes.longNonce(CurveBoxes.COOKIE_PREFIX);
        byte[] plain = new byte[2 * CurveBoxes.KEY];
        System.arraycopy(clientShortPublic, 0, plain, 0, CurveBoxes.KEY);
        System.arraycopy(serverShortSecret, 0, plain, CurveBoxes.KEY, CurveBoxes.KEY);
        byte[] cookie = new byte[COOKIE_SIZE];
        System.arraycopy(nonce, CurveBoxes.SHORT_NONCE, cookie, 0, CurveBoxes.LONG_NONCE);
        current.seal(nonce, plain, 0, plain.length, cookie, CurveBoxes.LONG_NONCE);
        Arrays.fill(plain, (byte) 0);
        return cookie;
    }

    /**
     * Opens a cookie.
     *
     * @param src the bytes holding it
     * @param offset where it starts
     * @return C' (32 bytes) then s' (32 bytes)
     * @throws ZmtpProtocolException CRYPTOGRAPHIC if it opens under neither key
     */
    synchronized byte[] open(byte[] src, int offset) throws ZmtpProtocolException {
        rotateIfDue();
        byte[] nonce = CurveBoxes.longNonce(CurveBoxes.COOKIE_PREFIX, src, offset);
        int boxAt = offset + CurveBoxes.LONG_NONCE;
        int boxLength = COOKIE_SIZE - CurveBoxes.LONG_NONCE;
        try {
            return CurveBoxes.open(current, nonce, src, boxAt, boxLength, "cookie");
        } catch (ZmtpProtocolException notCurrent) {
            if (previous == null) {
                throw notCurrent;
            }
            return CurveBoxes.open(previous, nonce, src, boxAt, boxLength, "cookie");
        }
    }

    private void rotateIfDue() {
        long now = clock.nanoTime();
        if (now - rotatedAt < ROTATION_NANOS) {
            return;
        }
        if (previous != null) {
            previous.destroy();
        }
        previous = now - rotatedAt < 2 * ROTATION_NANOS ? current : null;
        if (previous == null) {
            current.destroy();
        }
        current = BoxKey.random();
        rotatedAt = now;
    }
}
