package dev.meshmq.transport;

import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.Greeting;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.PropertyCodec;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The client side of PLAIN (RFC 24): HELLO with the user name and password once the greeting is in,
 * INITIATE with this socket's metadata when WELCOME comes, and the handshake is done when READY
 * comes with the server's metadata. An ERROR at any step is the server's refusal
 * ({@link NullMechanism#refusal}).
 *
 * <p>States: {@link Step#GREETING}, {@link Step#WELCOME} (HELLO sent), {@link Step#READY} (INITIATE
 * sent), {@link Step#DONE}; {@link #moveTo} is the only transition.
 *
 * <p>Thread-safety: one instance per connection, on its I/O thread.
 */
final class PlainClientMechanism implements Mechanism {

    /** Where the client is. */
    enum Step { GREETING, WELCOME, READY, DONE }

    static final String NAME = "PLAIN";

    private final MechanismContext context;
    private Greeting peerGreeting;
    private Step step = Step.GREETING;

    PlainClientMechanism(MechanismContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public void onGreeting(Greeting peer, Sink sink) {
        peerGreeting = peer;
        byte[] user = context.security().username().getBytes(StandardCharsets.UTF_8);
        byte[] password = context.security().password().getBytes(StandardCharsets.UTF_8);
        byte[] hello = ByteBuffer.allocate(2 + user.length + password.length)
                .put((byte) user.length).put(user).put((byte) password.length).put(password).array();
        sink.send(Command.encode(PlainServerMechanism.HELLO, hello));
        moveTo(Step.WELCOME);
    }

    @Override
    public PeerInfo onCommand(Command command, Sink sink) throws ZmtpProtocolException, HandshakeRefusedException {
        String name = command.name();
        if (ZmtpWire.COMMAND_ERROR.equals(name)) {
            throw NullMechanism.refusal(command.errorReason());
        }
        if (step == Step.WELCOME && PlainServerMechanism.WELCOME.equals(name)) {
            if (command.data().length != 0) {
                throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_WELCOME, "PLAIN WELCOME has data");
            }
            byte[] metadata = PropertyCodec.encode(NullMechanism.readyProperties(context.options()));
            sink.send(Command.encode(PlainServerMechanism.INITIATE, metadata));
            moveTo(Step.READY);
            return null;
        }
        if (step == Step.READY && ZmtpWire.COMMAND_READY.equals(name)) {
            PeerInfo peer = NullMechanism.checkPeer(context, command.readyProperties(), peerGreeting.minor());
            moveTo(Step.DONE);
            return peer;
        }
        throw new ZmtpProtocolException(ProtocolError.UNEXPECTED_COMMAND,
                "PLAIN client expected " + (step == Step.WELCOME ? "WELCOME" : "READY") + ", got " + name);
    }

    private void moveTo(Step next) {
        step = next;
    }
}
