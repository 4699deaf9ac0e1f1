package dev.meshmq.transport;

import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.Greeting;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;

/**
 * A ZMTP security mechanism's part of the handshake (RFC 37, "Security mechanism"): what follows the
 * greeting up to the moment both sides may send messages. NULL is {@link NullMechanism}; PLAIN and
 * CURVE are to be added behind this interface.
 *
 * <p>The connection ({@link ZmtpHandshake}) calls {@link #onGreeting} once the peer's greeting is in
 * and names this mechanism, then {@link #onCommand} for every command until one returns the peer's
 * description. Commands to send go through the {@link Sink}, in order, ahead of any message.
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
}
