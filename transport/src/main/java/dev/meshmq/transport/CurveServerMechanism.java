package dev.meshmq.transport;

import dev.meshmq.AuthenticationRequest;
import dev.meshmq.AuthenticationResult;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.transport.curve.BoxKey;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.Greeting;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.PropertyCodec;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * The server side of CURVE (RFC 26). HELLO: opens the box of zeros from C' to S, makes a short-term
 * pair S'/s', and answers WELCOME with S' and a cookie holding C' and s' (see {@link CurveCookieJar});
 * then forgets both. INITIATE: opens the cookie, computes the session key C'-S' once, opens the box
 * (C, the vouch, the client's metadata), checks that the vouch, boxed from C to S', names the same C'
 * and this server's S, and asks the authenticator about C (nobody to ask lets the client in, as in
 * libzmq). Allowed: READY with this socket's metadata, and the session begins.
 *
 * <p>Malformed commands, boxes that do not open, a bad cookie or vouch, and a nonce that does not go up
 * are protocol errors that close this connection only.
 *
 * <p>States: {@link Step#HELLO}, {@link Step#INITIATE} (WELCOME sent; no keys held), {@link Step#JUDGING},
 * {@link Step#DONE}.
 *
 * <p>Thread-safety: one instance per connection, on its I/O thread.
 */
final class CurveServerMechanism implements Mechanism {

    /** Where the server is. */
    enum Step { HELLO, INITIATE, JUDGING, DONE }

    /** INITIATE's data before the box: cookie (96) and nonce (8); the box holds at least C, vouch and tag. */
    static final int INITIATE_MIN_DATA = CurveCookieJar.COOKIE_SIZE + 8 + 32 + 96 + 16;
    /** INITIATE's largest data: 64 KiB of metadata is plenty; more is refused before any crypto. */
    static final int INITIATE_MAX_DATA = INITIATE_MIN_DATA + 65_536;
    private static final int VOUCH_SIZE = CurveBoxes.LONG_NONCE + 2 * CurveBoxes.KEY + CurveBoxes.TAG;

    private final MechanismContext context;
    private final CurveCookieJar cookies;
    private final byte[] secretKey;
    /** This server's long-term public key, derived once with the socket's settings. */
    private final byte[] publicKey;
    private Greeting peerGreeting;
    private Step step = Step.HELLO;
    private long peerNonce;
    private BoxKey session;
    private PeerInfo pendingPeer;
    private CurveCipher cipher;

    CurveServerMechanism(MechanismContext context, CurveCookieJar cookies) {
        this.context = context;
        this.cookies = cookies;
        SecuritySettings security = context.security();
        this.secretKey = security.curveSecretKey();
        this.publicKey = security.curvePublicKey();
    }

    @Override
    public String name() {
        return CurveClientMechanism.NAME;
    }

    @Override
    public boolean asServer() {
        return true;
    }

    @Override
    public void onGreeting(Greeting peer, Sink sink) throws ZmtpProtocolException {
        if (secretKey == null) {
            throw new ZmtpProtocolException(ProtocolError.KEY_EXCHANGE, "a CURVE server needs CURVE_SECRET_KEY");
        }
        peerGreeting = peer;
    }

    @Override
    public PeerInfo onCommand(Command command, Sink sink) throws ZmtpProtocolException, HandshakeRefusedException {
        String name = command.name();
        if (ZmtpWire.COMMAND_ERROR.equals(name)) {
            throw NullMechanism.refusal(command.errorReason());
        }
        if (step == Step.HELLO && CurveClientMechanism.HELLO.equals(name)) {
            onHello(command.data(), sink);
            return null;
        }
        if (step == Step.INITIATE && CurveClientMechanism.INITIATE.equals(name)) {
            onInitiate(command.data());
            return null;
        }
        throw new ZmtpProtocolException(ProtocolError.UNEXPECTED_COMMAND,
                "CURVE server at step " + step + " got " + name);
    }

    private void onHello(byte[] data, Sink sink) throws ZmtpProtocolException {
        if (data.length != CurveClientMechanism.HELLO_DATA) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_HELLO,
                    "CURVE HELLO has " + data.length + " data bytes, not " + CurveClientMechanism.HELLO_DATA);
        }
        if (data[0] != 1 || data[1] != 0) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_HELLO,
                    "CURVE HELLO version " + data[0] + "." + data[1] + ", not 1.0");
        }
        int keyAt = 2 + 72;
        byte[] clientShort = Arrays.copyOfRange(data, keyAt, keyAt + CurveBoxes.KEY);
        int nonceAt = keyAt + CurveBoxes.KEY;
        peerNonce = CurveBoxes.counter(data, nonceAt);
        byte[] nonce24 = CurveBoxes.shortNonce(CurveBoxes.HELLO_PREFIX, data, nonceAt);
        BoxKey helloKey = CurveBoxes.boxKey(clientShort, secretKey);
        try {
            int boxAt = nonceAt + CurveBoxes.SHORT_NONCE;
            byte[] zeros = CurveBoxes.open(helloKey, nonce24, data, boxAt, data.length - boxAt, "HELLO");
            for (byte b : zeros) {
                if (b != 0) {
                    throw new ZmtpProtocolException(ProtocolError.CRYPTOGRAPHIC, "CURVE HELLO box is not zeros");
                }
            }
            CurveKeyPair shortTerm = CurveKeyPair.generate();
            byte[] shortSecret = shortTerm.secretKey();
            byte[] plain = new byte[CurveBoxes.KEY + CurveCookieJar.COOKIE_SIZE];
            System.arraycopy(shortTerm.publicKey(), 0, plain, 0, CurveBoxes.KEY);
            System.arraycopy(cookies.bake(clientShort, shortSecret), 0, plain, CurveBoxes.KEY,
                    CurveCookieJar.COOKIE_SIZE);
            CurveBoxes.zero(shortSecret);
            shortTerm.destroy();
            byte[] welcomeNonce = CurveBoxes.longNonce(CurveBoxes.WELCOME_PREFIX);
            byte[] box = CurveBoxes.seal(helloKey, welcomeNonce, plain);
            CurveBoxes.zero(plain);
            ByteBuffer welcome = ByteBuffer.allocate(CurveClientMechanism.WELCOME_DATA)
                    .put(welcomeNonce, CurveBoxes.SHORT_NONCE, CurveBoxes.LONG_NONCE).put(box);
            sink.send(Command.encode(CurveClientMechanism.WELCOME, welcome.array()));
            step = Step.INITIATE;
        } finally {
            helloKey.destroy();
        }
    }

    private void onInitiate(byte[] data) throws ZmtpProtocolException {
        if (data.length < INITIATE_MIN_DATA || data.length > INITIATE_MAX_DATA) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_INITIATE,
                    "CURVE INITIATE has " + data.length + " data bytes");
        }
        int nonceAt = CurveCookieJar.COOKIE_SIZE;
        long counter = CurveBoxes.counter(data, nonceAt);
        if (Long.compareUnsigned(counter, peerNonce) <= 0) {
            throw new ZmtpProtocolException(ProtocolError.INVALID_SEQUENCE, "CURVE INITIATE nonce does not go up");
        }
        byte[] keys = cookies.open(data, 0);
        byte[] clientShort = Arrays.copyOf(keys, CurveBoxes.KEY);
        byte[] shortSecret = Arrays.copyOfRange(keys, CurveBoxes.KEY, 2 * CurveBoxes.KEY);
        CurveBoxes.zero(keys);
        session = CurveBoxes.boxKey(clientShort, shortSecret);
        int boxAt = nonceAt + CurveBoxes.SHORT_NONCE;
        byte[] plain = CurveBoxes.open(session, CurveBoxes.shortNonce(CurveBoxes.INITIATE_PREFIX, data, nonceAt),
                data, boxAt, data.length - boxAt, "INITIATE");
        peerNonce = counter;
        byte[] clientLong = Arrays.copyOf(plain, CurveBoxes.KEY);
        try {
            checkVouch(plain, clientLong, clientShort, shortSecret);
        } finally {
            CurveBoxes.zero(shortSecret);
        }
        int metadataAt = CurveBoxes.KEY + VOUCH_SIZE;
        Map<String, byte[]> properties = PropertyCodec.decode(
                ByteBuffer.wrap(plain, metadataAt, plain.length - metadataAt), CurveClientMechanism.INITIATE,
                ProtocolError.MALFORMED_COMMAND_INITIATE);
        pendingPeer = NullMechanism.checkPeer(context, properties, peerGreeting.minor());
        step = Step.JUDGING;
        context.authentication().accept(AuthenticationRequest.forCurve(context.security().zapDomain(),
                context.peerHost(), new byte[0], clientLong));
    }

    private void checkVouch(byte[] plain, byte[] clientLong, byte[] clientShort, byte[] shortSecret)
            throws ZmtpProtocolException {
        byte[] vouchNonce = CurveBoxes.longNonce(CurveBoxes.VOUCH_PREFIX, plain, CurveBoxes.KEY);
        BoxKey vouchKey = CurveBoxes.boxKey(clientLong, shortSecret);
        byte[] vouched;
        try {
            int boxAt = CurveBoxes.KEY + CurveBoxes.LONG_NONCE;
            vouched = CurveBoxes.open(vouchKey, vouchNonce, plain, boxAt, VOUCH_SIZE - CurveBoxes.LONG_NONCE,
                    "vouch");
        } finally {
            vouchKey.destroy();
        }
        if (!Arrays.equals(vouched, 0, CurveBoxes.KEY, clientShort, 0, CurveBoxes.KEY)
                || !Arrays.equals(vouched, CurveBoxes.KEY, 2 * CurveBoxes.KEY, publicKey, 0, CurveBoxes.KEY)) {
            throw new ZmtpProtocolException(ProtocolError.KEY_EXCHANGE,
                    "the CURVE vouch names another short-term key or server");
        }
    }

    @Override
    public PeerInfo onVerdict(Verdict verdict, Sink sink) throws HandshakeRefusedException {
        AuthenticationResult admitted = Admission.admit(verdict, false, context.security(), sink);
        byte[] metadata = PropertyCodec.encode(NullMechanism.readyProperties(context.options()));
        byte[] nonce24 = CurveBoxes.shortNonce(CurveBoxes.READY_PREFIX, 1);
        byte[] box = CurveBoxes.seal(session, nonce24, metadata);
        ByteBuffer ready = ByteBuffer.allocate(CurveBoxes.SHORT_NONCE + box.length)
                .put(nonce24, CurveBoxes.LONG_NONCE, CurveBoxes.SHORT_NONCE).put(box);
        sink.send(Command.encode(CurveClientMechanism.READY, ready.array()));
        cipher = new CurveCipher(session, false, 1, peerNonce);
        CurveBoxes.zero(secretKey);
        step = Step.DONE;
        return pendingPeer.withAuthentication(admitted);
    }

    @Override
    public CurveCipher cipher() {
        return cipher;
    }

    @Override
    public void release() {
        if (cipher == null && session != null) {
            session.destroy();
        }
        CurveBoxes.zero(secretKey);
    }
}
