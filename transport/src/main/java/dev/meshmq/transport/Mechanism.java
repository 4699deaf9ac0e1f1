package dev.meshmq.transport;

import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.Greeting;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;

/**
 * A ZMTP security mechanism's part of the handshake (RFC 37, "Security mechanism"): what follows the
 * greeting up to the moment both sides may send messages: {@link NullMechanism}, the PLAIN client and
 * server ({@link PlainClientMechanism}, {@link PlainServerMechanism}) and the CURVE ones; {@link Mechanisms}
 * picks one from the socket's options.
 *
 * <p>The connection ({@link ZmtpHandshake}) calls {@link #onGreeting} once the peer's greeting is in
 * and names this mechanism, then {@link #onCommand} for every command until one returns the peer's
 * description. Commands to send go through the {@link Sink}, in order, ahead of any message. A mechanism
 * that authenticates its peer asks through its {@link MechanismContext} and waits: the verdict comes
 * back through {@link #onVerdict}, on the same I/O thread, unless the connection closed meanwhile.
 *
 * <p>Thread-safety: one instance per connection, used only on that connection's I/O thread.
 */
interface Mechanism {

    /** Where a mechanism's commands go: to the peer, written before anything queued after them. */
    interface Sink {

        /**
         * Sends an encoded command frame.
         *
         * @param frame the whole frame, flags and size included
         */
        void send(byte[] frame);
    }

    /**
     * Returns the mechanism's name as the greeting carries it.
     *
     * @return for example "NULL"
     */
    String name();

    /**
     * Returns whether this side takes the server role of the mechanism (the greeting's as-server bit).
     *
     * @return true for the server role
     */
    boolean asServer();

    /**
     * The peer's greeting is in and names this mechanism.
     *
     * @param peer the peer's greeting
     * @param sink where to send commands
     * @throws ZmtpProtocolException if the greeting does not do for this mechanism
     */
    void onGreeting(Greeting peer, Sink sink) throws ZmtpProtocolException;

    /**
     * A command arrived during the handshake.
     *
     * @param command the command
     * @param sink where to send commands
     * @return what the handshake told about the peer once it is complete, else null
     * @throws ZmtpProtocolException if the command breaks the mechanism's rules
     * @throws HandshakeRefusedException if the peer refused the handshake (an ERROR)
     */
    PeerInfo onCommand(Command command, Sink sink) throws ZmtpProtocolException, HandshakeRefusedException;

    /**
     * The verdict on the peer came back (only after this mechanism asked for one).
     *
     * @param verdict the verdict
     * @param sink where to send commands
     * @return the peer's description if that completes the handshake, else null
     * @throws ZmtpProtocolException if the handshake cannot go on for a protocol reason
     * @throws HandshakeRefusedException if the peer is refused
     */
    default PeerInfo onVerdict(Verdict verdict, Sink sink) throws ZmtpProtocolException, HandshakeRefusedException {
        throw new IllegalStateException(name() + " did not ask for a verdict");
    }

    /**
     * Returns the session that seals and opens messages once the handshake is done (CURVE).
     *
     * @return the cipher, or null if messages travel in clear text
     */
    default CurveCipher cipher() {
        return null;
    }

    /** The connection closed: zeroes any secret this mechanism still holds. */
    default void release() {
    }
}
