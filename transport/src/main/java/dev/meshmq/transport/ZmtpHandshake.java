package dev.meshmq.transport;

import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.Greeting;
import dev.meshmq.transport.zmtp.GreetingDecoder;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The handshake of one connection, as a state machine: {@link Step#GREETING} while the peer's 64-byte
 * greeting comes in, {@link Step#MECHANISM} while the security mechanism's commands are exchanged,
 * {@link Step#DONE} once the mechanism has described the peer. {@link #moveTo} is the one place that
 * changes the step.
 *
 * <p>This side's greeting goes out in two parts, as libzmq sends it: the signature and major version at
 * once ({@link #start}), the rest once the peer's signature and major version are in. A peer that
 * refuses the connection on seeing the mechanism (libzmq closes at once, flushing nothing it has not
 * sent yet) has then sent all of its greeting already, so this side learns why instead of seeing only
 * a closed connection.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class ZmtpHandshake {

    /** Where the handshake is. */
    enum Step { GREETING, MECHANISM, DONE }

    /** The greeting's signature and major version, sent before anything is heard from the peer. */
    static final int FIRST_PART = ZmtpWire.VERSION_MAJOR_OFFSET + 1;

    private final Mechanism mechanism;
    private final GreetingDecoder decoder = new GreetingDecoder();
    private byte[] greetingRest;
    private Greeting peerGreeting;
    private Step step = Step.GREETING;

    ZmtpHandshake(Mechanism mechanism) {
        this.mechanism = mechanism;
    }

    /**
     * Returns the part of this side's greeting to send before anything is heard from the peer.
     *
     * @return the signature and major version
     */
    byte[] start() {
        ByteBuffer greeting = ByteBuffer.allocate(ZmtpWire.GREETING_SIZE);
        Greeting.write(greeting, mechanism.name(), mechanism.asServer());
        greetingRest = Arrays.copyOfRange(greeting.array(), FIRST_PART, ZmtpWire.GREETING_SIZE);
        return Arrays.copyOf(greeting.array(), FIRST_PART);
    }

    Step step() {
        return step;
    }

    /**
     * Returns the peer's greeting.
     *
     * @return the greeting, or null while it is not all in
     */
    Greeting peerGreeting() {
        return peerGreeting;
    }

    /**
     * Takes greeting bytes from {@code in} (no more than the greeting has), sends the rest of this
     * side's greeting when due, and starts the mechanism once the peer's greeting is complete.
     *
     * @param in bytes from the peer
     * @param sink where this side's bytes go
     * @throws ZmtpProtocolException if the greeting is malformed or names another mechanism
     */
    void readGreeting(ByteBuffer in, Mechanism.Sink sink) throws ZmtpProtocolException {
        requireStep(Step.GREETING);
        Greeting greeting = decoder.decode(in);
        if (greetingRest != null && decoder.bytesReceived() >= FIRST_PART) {
            byte[] rest = greetingRest;
            greetingRest = null;
            sink.send(rest);
        }
        if (greeting == null) {
            return;
        }
        if (!mechanism.name().equals(greeting.mechanism())) {
            throw new ZmtpProtocolException(ProtocolError.MECHANISM_MISMATCH,
                    "peer uses mechanism " + greeting.mechanism() + ", this socket uses " + mechanism.name());
        }
        peerGreeting = greeting;
        moveTo(Step.MECHANISM);
        mechanism.onGreeting(greeting, sink);
    }

    /**
     * Hands a command to the mechanism.
     *
     * @param command the command
     * @param sink where this side's commands go
     * @return the peer's description once the handshake is done, else null
     * @throws ZmtpProtocolException if the command breaks the mechanism's rules
     * @throws HandshakeRefusedException if the peer refused the handshake
     */
    PeerInfo onCommand(Command command, Mechanism.Sink sink) throws ZmtpProtocolException, HandshakeRefusedException {
        requireStep(Step.MECHANISM);
        PeerInfo peer = mechanism.onCommand(command, sink);
        if (peer != null) {
            moveTo(Step.DONE);
        }
        return peer;
    }

    /**
     * Hands the verdict on the peer to the mechanism that asked for it.
     *
     * @param verdict the verdict
     * @param sink where this side's commands go
     * @return the peer's description once the handshake is done, else null
     * @throws ZmtpProtocolException if the handshake cannot go on for a protocol reason
     * @throws HandshakeRefusedException if the peer is refused
     */
    PeerInfo onVerdict(Verdict verdict, Mechanism.Sink sink) throws ZmtpProtocolException, HandshakeRefusedException {
        requireStep(Step.MECHANISM);
        PeerInfo peer = mechanism.onVerdict(verdict, sink);
        if (peer != null) {
            moveTo(Step.DONE);
        }
        return peer;
    }

    /** Returns the CURVE session once the handshake is done, or null for clear text. */
    CurveCipher cipher() {
        return mechanism.cipher();
    }

    /** The connection closed: the mechanism zeroes its secrets, and the session key is zeroed. */
    void release() {
        mechanism.release();
        CurveCipher cipher = mechanism.cipher();
        if (cipher != null) {
            cipher.destroy();
        }
    }

    private void requireStep(Step expected) {
        if (step != expected) {
            throw new IllegalStateException("handshake is at " + step + ", not " + expected);
        }
    }

    private void moveTo(Step next) {
        step = next;
    }
}
