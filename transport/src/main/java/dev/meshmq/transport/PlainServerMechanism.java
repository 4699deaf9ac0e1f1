package dev.meshmq.transport;

import dev.meshmq.AuthenticationRequest;
import dev.meshmq.AuthenticationResult;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.Greeting;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.PropertyCodec;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The server side of PLAIN (RFC 24): takes HELLO's user name and password to the authenticator
 * (see {@link Admission}), sends WELCOME when the peer is allowed, and READY with this socket's
 * metadata once the client's INITIATE has described it.
 *
 * <p>States: {@link Step#HELLO}, {@link Step#JUDGING} (asked, waiting for the verdict; a command now
 * is a protocol error), {@link Step#INITIATE} (WELCOME sent), {@link Step#DONE}.
 *
 * <p>Thread-safety: one instance per connection, on its I/O thread.
 */
final class PlainServerMechanism implements Mechanism {

    /** Where the server is. */
    enum Step { HELLO, JUDGING, INITIATE, DONE }

    static final String HELLO = "HELLO";
    static final String WELCOME = "WELCOME";
    static final String INITIATE = "INITIATE";
    private static final byte[] NO_BYTES = new byte[0];

    private final MechanismContext context;
    private Greeting peerGreeting;
    private Step step = Step.HELLO;
    private AuthenticationResult admitted;

    PlainServerMechanism(MechanismContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return PlainClientMechanism.NAME;
    }

    @Override
    public boolean asServer() {
        return true;
    }

    @Override
    public void onGreeting(Greeting peer, Sink sink) {
        peerGreeting = peer;
    }

    @Override
    public PeerInfo onCommand(Command command, Sink sink) throws ZmtpProtocolException, HandshakeRefusedException {
        String name = command.name();
        if (ZmtpWire.COMMAND_ERROR.equals(name)) {
            throw NullMechanism.refusal(command.errorReason());
        }
        if (step == Step.HELLO && HELLO.equals(name)) {
            onHello(command.data());
            return null;
        }
        if (step == Step.INITIATE && INITIATE.equals(name)) {
            Map<String, byte[]> properties = PropertyCodec.decode(java.nio.ByteBuffer.wrap(command.data()),
                    INITIATE, ProtocolError.MALFORMED_COMMAND_INITIATE);
            PeerInfo peer = NullMechanism.checkPeer(context, properties, peerGreeting.minor())
                    .withAuthentication(admitted);
            sink.send(Command.encodeReady(NullMechanism.readyProperties(context.options())));
            step = Step.DONE;
            return peer;
        }
        throw new ZmtpProtocolException(ProtocolError.UNEXPECTED_COMMAND,
                "PLAIN server at step " + step + " got " + name);
    }

    private void onHello(byte[] data) throws ZmtpProtocolException {
        int userLength = data.length > 0 ? data[0] & 0xFF : -1;
        int passwordAt = 1 + userLength;
        if (userLength < 0 || passwordAt >= data.length || passwordAt + 1 + (data[passwordAt] & 0xFF) != data.length) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_HELLO,
                    "PLAIN HELLO lengths do not match its " + data.length + " bytes");
        }
        String user = new String(data, 1, userLength, StandardCharsets.UTF_8);
        String password = new String(data, passwordAt + 1, data.length - passwordAt - 1, StandardCharsets.UTF_8);
        Arrays.fill(data, (byte) 0);
        step = Step.JUDGING;
        context.authentication().accept(AuthenticationRequest.forPlain(context.security().zapDomain(),
                context.peerHost(), NO_BYTES, user, password));
    }

    @Override
    public PeerInfo onVerdict(Verdict verdict, Sink sink) throws HandshakeRefusedException {
        admitted = Admission.admit(verdict, true, context.security(), sink);
        sink.send(Command.encode(WELCOME, NO_BYTES));
        step = Step.INITIATE;
        return null;
    }
}
