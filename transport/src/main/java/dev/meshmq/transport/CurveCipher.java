package dev.meshmq.transport;

import dev.meshmq.transport.curve.BoxKey;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;

/**
 * The session of a CURVE connection once its handshake is done: the box key of the two short-term
 * keys, computed once, and the short nonces of each direction: this side's counter, which goes up by
 * one per box sent, and the last counter the peer used, which each box received must exceed (a
 * replayed or reordered box is an INVALID_SEQUENCE). Client and server use different nonce prefixes
 * ("CurveZMQMESSAGEC", "CurveZMQMESSAGES") as libzmq does.
 *
 * <p>Thread-safety: the sending side ({@link #sealKey}, {@link #nextSendNonce}) is used under the
 * connection's output lock, by its I/O thread or by a thread writing directly ({@link DirectSend}); the
 * receiving side ({@link #openKey}, {@link #receiveNonce}) by its I/O thread. Each side has a box key
 * of its own, since a box key's working state serves one thread at a time.
 */
final class CurveCipher {

    private final BoxKey openKey;
    private final BoxKey sealKey;
    private final byte[] sendNonce;
    private final byte[] receiveNonce;
    private long sent;
    private long received;

    /**
     * Starts the session.
     *
     * @param key the box key of C' and S' (taken over: destroyed by {@link #destroy})
     * @param client whether this side is the client
     * @param lastSent the last short nonce this side used in the handshake
     * @param lastReceived the last short nonce the peer used in the handshake
     */
    CurveCipher(BoxKey key, boolean client, long lastSent, long lastReceived) {
        this.openKey = key;
        this.sealKey = key.copy();
        this.sendNonce = CurveBoxes.shortNonce(
                client ? CurveBoxes.MESSAGE_CLIENT_PREFIX : CurveBoxes.MESSAGE_SERVER_PREFIX, 0);
        this.receiveNonce = CurveBoxes.shortNonce(
                client ? CurveBoxes.MESSAGE_SERVER_PREFIX : CurveBoxes.MESSAGE_CLIENT_PREFIX, 0);
        this.sent = lastSent;
        this.received = lastReceived;
    }

    /** The key that opens the peer's boxes (the receiving side's). */
    BoxKey openKey() {
        return openKey;
    }

    /** The key that seals this side's boxes (the sending side's). */
    BoxKey sealKey() {
        return sealKey;
    }

    /**
     * Takes the next nonce to seal with and writes its 8 counter bytes at {@code dst[offset]}.
     *
     * @return the 24-byte nonce (an array of this cipher, valid until the next call)
     */
    byte[] nextSendNonce(byte[] dst, int offset) {
        sent++;
        setCounter(sendNonce, sent);
        System.arraycopy(sendNonce, CurveBoxes.LONG_NONCE, dst, offset, CurveBoxes.SHORT_NONCE);
        return sendNonce;
    }

    /**
     * Checks the 8 counter bytes at {@code src[offset]} against the last the peer used.
     *
     * @return the 24-byte nonce to open with (an array of this cipher, valid until the next call)
     * @throws ZmtpProtocolException INVALID_SEQUENCE if it is not greater than the last
     */
    byte[] receiveNonce(byte[] src, int offset) throws ZmtpProtocolException {
        long counter = CurveBoxes.counter(src, offset);
        if (Long.compareUnsigned(counter, received) <= 0) {
            throw new ZmtpProtocolException(ProtocolError.INVALID_SEQUENCE,
                    "CURVE nonce " + Long.toUnsignedString(counter) + " after " + Long.toUnsignedString(received));
        }
        received = counter;
        System.arraycopy(src, offset, receiveNonce, CurveBoxes.LONG_NONCE, CurveBoxes.SHORT_NONCE);
        return receiveNonce;
    }

    private static void setCounter(byte[] nonce, long counter) {
        for (int i = 0; i < CurveBoxes.SHORT_NONCE; i++) {
            nonce[nonce.length - 1 - i] = (byte) (counter >>> (8 * i));
        }
    }

    /** The connection closed: the session key is zeroed. */
    void destroy() {
        openKey.destroy();
        sealKey.destroy();
    }
}
