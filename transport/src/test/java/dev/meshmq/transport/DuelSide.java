package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.AuthenticationRequest;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.FrameDecoder;
import dev.meshmq.transport.zmtp.FrameHandler;
import dev.meshmq.transport.zmtp.MessageEncoder;
import dev.meshmq.transport.zmtp.WireEncoder;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One end of a connection in a fuzz harness, reading its peer as {@link StreamEngine} does: the greeting
 * through {@link ZmtpHandshake}, then a {@link FrameDecoder} whose commands go to the real mechanism
 * until it describes the peer; then PING, SUBSCRIBE and CANCEL handled as {@link ActiveCommands} does and
 * messages kept, on a CURVE connection after {@link CurveDecoder} has opened them (the decoder switched
 * to raw frames at the moment the handshake ends, as the engine switches it). An authentication request
 * waits for the harness to give a verdict. A protocol error or refusal closes this end, as it closes a
 * connection; any other exception escapes to the harness.
 *
 * <p>What this end writes goes to {@link #outbox} in chunks (greeting parts, command frames, one encoded
 * message), for the harness to carry to the other end.
 *
 * <p>Thread-safety: confined to the harness's thread.
 */
final class DuelSide implements FrameHandler {

    /** The frames of received or sent messages, each with whether it ends its message, in order. */
    record Part(byte[] bytes, boolean last) {
        boolean sameAs(Part other) {
            return last == other.last && Arrays.equals(bytes, other.bytes);
        }
    }

    final String label;
    final ArrayDeque<byte[]> outbox = new ArrayDeque<>();
    final List<Part> sentParts = new ArrayList<>();
    final List<Part> receivedParts = new ArrayList<>();
    final List<String> handshakeCommandsSent = new ArrayList<>();
    private final ZmtpHandshake handshake;
    private final FrameDecoder decoder;
    private final FrameHandler opened = new Opened();
    private AuthenticationRequest request;
    private boolean judged;
    private PeerInfo peer;
    private Exception failure;
    private CurveDecoder sealedInput;
    private WireEncoder encoder;
    private CurveEncoder curveEncoder;

    /**
     * Creates one end and writes the first part of its greeting.
     *
     * @param label "client" or "server", for messages
     * @param options the local socket's settings
     * @param connecting whether this end connected
     * @param cookies the CURVE servers' cookie keys
     */
    DuelSide(String label, TransportOptions options, boolean connecting, CurveCookieJar cookies) {
        this.label = label;
        MechanismContext context = new MechanismContext(options, connecting, "tcp://fuzz:1", "192.0.2.1",
                this::ask, cookies);
        this.handshake = new ZmtpHandshake(Mechanisms.create(context));
        this.decoder = new FrameDecoder(options.maxMessageSize());
        outbox.add(handshake.start());
    }

    private void ask(AuthenticationRequest next) {
        assertNull(request, label + " asked for a second verdict");
        request = next;
    }

    private void send(byte[] frame) {
        assertNull(failure, label + " wrote after closing");
        if (peer == null && handshake.step() == ZmtpHandshake.Step.MECHANISM) {
            handshakeCommandsSent.add(nameOf(frame));
        }
        outbox.add(frame);
    }

    /** The name of a command frame this end wrote; it must be one. */
    private String nameOf(byte[] frame) {
        List<String> names = new ArrayList<>();
        try {
            new FrameDecoder(-1).decode(ByteBuffer.wrap(frame), new FrameHandler() {
                @Override
                public boolean onMessage(Message message) {
                    throw new AssertionError(label + " wrote a message during the handshake");
                }

                @Override
                public boolean onCommand(Command command) {
                    names.add(command.name());
                    return true;
                }
            });
        } catch (ZmtpProtocolException e) {
            throw new AssertionError(label + " wrote a frame it cannot decode itself", e);
        }
        assertEquals(1, names.size(), label + " wrote one command per frame");
        return names.get(0);
    }

    /**
     * Takes bytes from the peer, as the engine's decode does.
     *
     * @param chunk the bytes
     */
    void receive(byte[] chunk) {
        if (isClosed()) {
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(chunk);
        try {
            if (handshake.step() == ZmtpHandshake.Step.GREETING) {
                handshake.readGreeting(in, this::send);
            }
            if (handshake.step() != ZmtpHandshake.Step.GREETING && in.hasRemaining()) {
                decoder.decode(in, this);
            }
        } catch (ZmtpProtocolException e) {
            close(e);
        }
    }

    /** Returns whether this end waits for a verdict it has not had. */
    boolean awaitsVerdict() {
        return request != null && !judged && !isClosed();
    }

    /**
     * Hands the verdict to the mechanism, as the engine does when it comes back.
     *
     * @param verdict the verdict
     */
    void judge(Verdict verdict) {
        judged = true;
        try {
            PeerInfo done = handshake.onVerdict(verdict, this::send);
            if (done != null) {
                open(done);
            }
        } catch (ZmtpProtocolException | HandshakeRefusedException e) {
            close(e);
        }
    }

    /**
     * Sends a message on an open connection, sealed on a CURVE one.
     *
     * @param message the message
     */
    void sendMessage(Message message) {
        encoder.start(message);
        ByteBuffer out = ByteBuffer.allocate(256);
        while (!encoder.encodeTo(out)) {
            out = ByteBuffer.allocate(out.capacity() * 2).put(out.flip());
        }
        send(Arrays.copyOf(out.array(), out.position()));
        for (int i = 0; i < message.size(); i++) {
            sentParts.add(new Part(message.frame(i).toByteArray(), i == message.size() - 1));
        }
    }

    /** Sends a command on an open connection, sealed on a CURVE one. */
    void sendCommand(byte[] frame) {
        send(curveEncoder != null ? curveEncoder.sealCommand(frame) : frame);
    }

    private void open(PeerInfo done) {
        peer = done;
        decoder.usePeer(done.metadata());
        CurveCipher cipher = handshake.cipher();
        if (cipher != null) {
            sealedInput = new CurveDecoder(cipher, done.metadata());
            decoder.handFramesRaw();
            curveEncoder = new CurveEncoder(cipher);
            encoder = curveEncoder;
        } else {
            encoder = new MessageEncoder();
        }
    }

    private void close(Exception why) {
        assertTrue(why.getMessage() != null && !why.getMessage().isEmpty(), "an error says why");
        failure = why;
        handshake.release();
    }

    @Override
    public boolean onCommand(Command command) throws ZmtpProtocolException {
        if (peer != null) {
            return sealedInput != null ? sealedInput.openCommand(command, opened) : opened.onCommand(command);
        }
        try {
            PeerInfo done = handshake.onCommand(command, this::send);
            if (done != null) {
                open(done);
            }
        } catch (HandshakeRefusedException e) {
            close(e);
            return false;
        }
        return true;
    }

    @Override
    public boolean onMessage(Message message) {
        if (peer == null) {
            // the engine closes a connection whose peer sends a message before the handshake is done
            close(new ZmtpProtocolException(dev.meshmq.transport.zmtp.ProtocolError.UNEXPECTED_COMMAND,
                    "message before the handshake"));
            return false;
        }
        return opened.onMessage(message);
    }

    @Override
    public boolean onRawFrame(byte[] body) throws ZmtpProtocolException {
        return sealedInput.openFrame(body, opened);
    }

    boolean isOpen() {
        return peer != null && failure == null;
    }

    boolean isClosed() {
        return failure != null;
    }

    PeerInfo peer() {
        return peer;
    }

    Exception failure() {
        return failure;
    }

    AuthenticationRequest request() {
        return request;
    }

    /** What an open connection does with what it reads (as {@link ActiveCommands}, keeping the messages). */
    private final class Opened implements FrameHandler {

        @Override
        public boolean onMessage(Message message) {
            for (int i = 0; i < message.size(); i++) {
                Frame frame = message.frame(i);
                receivedParts.add(new Part(frame.toByteArray(), i == message.size() - 1));
            }
            return true;
        }

        @Override
        public boolean onCommand(Command command) throws ZmtpProtocolException {
            switch (command.name()) {
                case ZmtpWire.COMMAND_PING -> {
                    command.pingTtlDeciseconds();
                    sendCommand(Command.encodePong(command.pingContext()));
                }
                case ZmtpWire.COMMAND_SUBSCRIBE, ZmtpWire.COMMAND_CANCEL ->
                        assertTrue(SubscriptionWire.isSubscription(SubscriptionWire.fromCommand(command)));
                default -> command.data();
            }
            return true;
        }
    }
}
