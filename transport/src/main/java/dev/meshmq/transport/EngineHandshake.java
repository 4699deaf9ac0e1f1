package dev.meshmq.transport;

import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;

/**
 * The mechanism's steps of one stream connection's handshake, after the greeting: the peer's commands and the
 * authenticator's verdict go to the {@link ZmtpHandshake}; a refusal or a protocol error closes the connection, and
 * a described peer ends the handshake ({@link StreamEngine#onHandshakeDone}).
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class EngineHandshake {

    private final StreamEngine engine;
    private final ZmtpHandshake handshake;
    private final Mechanism.Sink sink;

    EngineHandshake(StreamEngine engine, ZmtpHandshake handshake, Mechanism.Sink sink) {
        this.engine = engine;
        this.handshake = handshake;
        this.sink = sink;
    }

    /**
     * A command of the handshake.
     *
     * @return whether decoding goes on: the connection is open and, once active, its input not paused
     */
    boolean onCommand(Command command) {
        advance(() -> handshake.onCommand(command, sink));
        StreamEngine.State state = engine.state();
        return state == StreamEngine.State.ACTIVE ? !engine.isInputPaused() : state != StreamEngine.State.CLOSED;
    }

    /** The verdict is back; a connection that closed meanwhile ignores it. */
    void onVerdict(Verdict verdict) {
        if (engine.state() == StreamEngine.State.HANDSHAKE) {
            advance(() -> handshake.onVerdict(verdict, sink));
        }
    }

    /** One step of the mechanism: a failure closes, a described peer ends the handshake. */
    private void advance(Step step) {
        PeerInfo peer;
        try {
            peer = step.run();
        } catch (HandshakeRefusedException refused) {
            engine.failOnProtocol(refused.code(), refused.event(), refused.getMessage());
            return;
        } catch (ZmtpProtocolException e) {
            engine.failOnProtocol(e);
            return;
        }
        if (peer != null && engine.state() != StreamEngine.State.CLOSED) {
            engine.onHandshakeDone(peer);
        }
    }

    /** A step of the handshake that may fail. */
    private interface Step {
        PeerInfo run() throws ZmtpProtocolException, HandshakeRefusedException;
    }
}
