package dev.meshmq.transport;

import dev.meshmq.AuthenticationRequest;
import dev.meshmq.AuthenticationResult;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PeerMetadata;
import dev.meshmq.SocketType;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.Greeting;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The NULL mechanism (RFC 37): each side sends READY with its socket type (and Identity for REQ,
 * DEALER and ROUTER, as libzmq sends), and accepts the peer's READY if the types go together.
 *
 * <p>Order: the accepting side sends READY as soon as the greeting is in; the connecting side sends
 * it when the peer's READY has come, and before judging it. libzmq closes at once on a READY it
 * refuses, before its own READY is out, so waiting for the server's READY lets this side report why a
 * libzmq server refused it, and writing this READY before judging the peer's lets a peer that this
 * side refuses learn why too.
 *
 * <p>With a ZAP domain (as in libzmq) the peer is judged first: the request goes out when the greeting
 * is in, and this side's READY waits for an allowing verdict (a denial sends ERROR instead, see
 * {@link Admission}); the handshake ends once both the verdict and the peer's READY are in.
 *
 * <p>An ERROR during the handshake is a refusal: a ZAP status code ("300", "400", "500") is reported as
 * HANDSHAKE_FAILED_AUTH with that code, as libzmq reports it, any other reason as
 * HANDSHAKE_FAILED_PROTOCOL; the reason is kept either way.
 *
 * <p>Thread-safety: one instance per connection, on its I/O thread.
 */
final class NullMechanism implements Mechanism {

    private static final byte[] NO_BYTES = new byte[0];

    private final MechanismContext context;
    private Greeting peerGreeting;
    private boolean judging;
    private Map<String, byte[]> peerReady;
    private AuthenticationResult admitted;

    /**
     * Creates the mechanism for one connection.
     *
     * @param context the connection
     */
    NullMechanism(MechanismContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return ZmtpWire.MECHANISM_NULL;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public void onGreeting(Greeting peer, Sink sink) {
        peerGreeting = peer;
        SecuritySettings security = context.security();
        if (security.authenticates()) {
            judging = true;
            context.authentication().accept(
                    AuthenticationRequest.forNull(security.zapDomain(), context.peerHost(), NO_BYTES));
        } else if (!context.connecting()) {
            sink.send(ready());
        }
    }

    @Override
    public PeerInfo onCommand(Command command, Sink sink) throws ZmtpProtocolException, HandshakeRefusedException {
        String name = command.name();
        if (ZmtpWire.COMMAND_ERROR.equals(name)) {
            throw refusal(command.errorReason());
        }
        if (!ZmtpWire.COMMAND_READY.equals(name) || peerReady != null) {
            throw new ZmtpProtocolException(ProtocolError.UNEXPECTED_COMMAND,
                    "expected READY during the handshake, got " + name);
        }
        peerReady = command.readyProperties();
        return judging ? null : finish(sink);
    }

    @Override
    public PeerInfo onVerdict(Verdict verdict, Sink sink) throws HandshakeRefusedException, ZmtpProtocolException {
        admitted = Admission.admit(verdict, false, context.security(), sink);
        judging = false;
        if (!context.connecting()) {
            sink.send(ready());
        }
        return peerReady == null ? null : finish(sink);
    }

    private PeerInfo finish(Sink sink) throws ZmtpProtocolException {
        if (context.connecting()) {
            sink.send(ready());
        }
        PeerInfo peer = checkPeer(context, peerReady, peerGreeting.minor());
        return admitted == null ? peer : peer.withAuthentication(admitted);
    }

    private byte[] ready() {
        return Command.encodeReady(readyProperties(context.options()));
    }

    /**
     * READY's properties: the socket type, for REQ, DEALER and ROUTER the Identity, as libzmq sends, and
     * the application's METADATA.
     *
     * @param options the local socket's settings
     * @return the properties in the order they are sent
     */
    static Map<String, byte[]> readyProperties(TransportOptions options) {
        SocketType type = options.socketType();
        Map<String, byte[]> properties = new LinkedHashMap<>();
        properties.put(ZmtpWire.PROPERTY_SOCKET_TYPE, type.zmtpName().getBytes(StandardCharsets.US_ASCII));
        if (type == SocketType.REQ || type == SocketType.DEALER || type == SocketType.ROUTER) {
            properties.put(ZmtpWire.PROPERTY_IDENTITY, options.routingId());
        }
        options.security().metadata().forEach((name, value) ->
                properties.put(name, value.getBytes(StandardCharsets.UTF_8)));
        return properties;
    }

    /**
     * Checks the peer's READY: a Socket-Type, if named, must be one this socket can talk to.
     *
     * @param context the connection
     * @param properties the peer's READY properties
     * @param zmtpMinor the peer's ZMTP minor version
     * @return what the handshake told about the peer, its properties and Peer-Address as metadata
     * @throws ZmtpProtocolException INCOMPATIBLE_SOCKET_TYPE if the types do not go together
     */
    static PeerInfo checkPeer(MechanismContext context, Map<String, byte[]> properties, int zmtpMinor)
            throws ZmtpProtocolException {
        SocketType local = context.options().socketType();
        Optional<SocketType> peerType = Optional.empty();
        byte[] typeName = properties.get(ZmtpWire.PROPERTY_SOCKET_TYPE);
        if (typeName != null) {
            String text = new String(typeName, StandardCharsets.US_ASCII);
            peerType = SocketType.fromZmtpName(text);
            if (peerType.isEmpty() || !local.isCompatibleWith(peerType.get())) {
                throw new ZmtpProtocolException(ProtocolError.INCOMPATIBLE_SOCKET_TYPE,
                        "a " + local + " socket cannot talk to a " + text + " peer");
            }
        }
        byte[] identity = properties.getOrDefault(ZmtpWire.PROPERTY_IDENTITY, NO_BYTES);
        Map<String, String> metadata = new LinkedHashMap<>();
        properties.forEach((name, value) -> metadata.put(name, new String(value, StandardCharsets.UTF_8)));
        if (!context.peerHost().isEmpty()) {
            metadata.put(PeerMetadata.PEER_ADDRESS, context.peerHost());
        }
        return new PeerInfo(peerType, identity, context.remoteAddress(), zmtpMinor, PeerMetadata.of(metadata));
    }

    /** The refusal an ERROR stands for, read as libzmq reads it. */
    static HandshakeRefusedException refusal(String reason) {
        int status = zapStatusCode(reason);
        String detail = "peer sent ERROR: " + reason;
        return status > 0
                ? new HandshakeRefusedException(MonitorEventType.HANDSHAKE_FAILED_AUTH, status, detail)
                : new HandshakeRefusedException(MonitorEventType.HANDSHAKE_FAILED_PROTOCOL,
                        ProtocolError.ZMTP_UNSPECIFIED.code(), detail);
    }

    /**
     * Reads an ERROR reason as a ZAP status code, as libzmq does to tell an authentication failure.
     *
     * @param reason the ERROR command's reason
     * @return 300, 400 or 500 if {@code reason} is exactly that code, else 0
     */
    static int zapStatusCode(String reason) {
        if (reason.length() == 3 && reason.charAt(1) == '0' && reason.charAt(2) == '0'
                && reason.charAt(0) >= '3' && reason.charAt(0) <= '5') {
            return (reason.charAt(0) - '0') * 100;
        }
        return 0;
    }
}
