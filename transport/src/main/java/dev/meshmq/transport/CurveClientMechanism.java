package dev.meshmq.transport;

import dev.meshmq.CurveKeyPair;
import dev.meshmq.transport.curve.BoxKey;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.Greeting;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.PropertyCodec;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.ByteBuffer;

/**
 * The client side of CURVE (RFC 26): HELLO with a new short-term key C' once the greeting is in;
 * on WELCOME, the server's short-term key S' and its cookie; INITIATE with the cookie, the vouch
 * (C' and S boxed from the long-term key C to S') and this socket's metadata; READY ends it.
 *
 * <p>Keys: the long-term pair comes from the socket's settings (CURVE_SECRET_KEY and the public key
 * {@link SecuritySettings} derived from it once, not per connection); a client without one uses a new
 * pair per connection, which a server that checks keys will refuse. Three
 * shared keys are computed, once each: C'-S for HELLO and WELCOME, C-S' for the vouch, C'-S' for
 * INITIATE, READY and every message after. Secrets are zeroed as soon as they are no longer needed.
 *
 * <p>States: {@link Step#GREETING}, {@link Step#WELCOME}, {@link Step#READY}, {@link Step#DONE}.
 *
 * <p>Thread-safety: one instance per connection, on its I/O thread.
 */
final class CurveClientMechanism implements Mechanism {

    /** Where the client is. */
    enum Step { GREETING, WELCOME, READY, DONE }

    static final String NAME = "CURVE";
    static final String HELLO = "HELLO";
    static final String WELCOME = "WELCOME";
    static final String INITIATE = "INITIATE";
    static final String READY = "READY";
    /** HELLO's data: version (2), padding (72), C' (32), nonce (8), box of 64 zeros (80). */
    static final int HELLO_DATA = 2 + 72 + 32 + 8 + 80;
    /** WELCOME's data: nonce (16), box of S' and the cookie (144). */
    static final int WELCOME_DATA = 16 + 144;
    private static final int HELLO_PADDING = 72;
    private static final int HELLO_ZEROS = 64;
    private static final int VOUCH_SIZE = CurveBoxes.LONG_NONCE + 2 * CurveBoxes.KEY + CurveBoxes.TAG;

    private final MechanismContext context;
    private final byte[] serverKey;
    private final byte[] longTermPublic;
    private final byte[] longTermSecret;
    private CurveKeyPair shortTerm;
    private BoxKey welcomeKey;
    private BoxKey session;
    private Greeting peerGreeting;
    private Step step = Step.GREETING;
    private long nonce;
    private long peerNonce;
    private CurveCipher cipher;

    CurveClientMechanism(MechanismContext context) {
        this.context = context;
        SecuritySettings security = context.security();
        this.serverKey = security.curveServerKey();
        byte[] secret = security.curveSecretKey();
        if (secret != null) {
            this.longTermSecret = secret;
            this.longTermPublic = security.curvePublicKey();
        } else {
            CurveKeyPair ephemeral = CurveKeyPair.generate();
            this.longTermSecret = ephemeral.secretKey();
            this.longTermPublic = ephemeral.publicKey();
            ephemeral.destroy();
        }
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
    public void onGreeting(Greeting peer, Sink sink) throws ZmtpProtocolException {
        peerGreeting = peer;
        shortTerm = CurveKeyPair.generate();
        ByteBuffer hello = ByteBuffer.allocate(HELLO_DATA).put((byte) 1).put((byte) 0);
        hello.position(2 + HELLO_PADDING);
        hello.put(shortTerm.publicKey());
        nonce++;
        byte[] nonce24 = CurveBoxes.shortNonce(CurveBoxes.HELLO_PREFIX, nonce);
        hello.put(nonce24, CurveBoxes.LONG_NONCE, CurveBoxes.SHORT_NONCE);
        byte[] secret = shortTerm.secretKey();
        BoxKey toServer = CurveBoxes.boxKey(serverKey, secret);
        CurveBoxes.zero(secret);
        try {
            hello.put(CurveBoxes.seal(toServer, nonce24, new byte[HELLO_ZEROS]));
            sink.send(Command.encode(HELLO, hello.array()));
            step = Step.WELCOME;
            welcomeKey = toServer;
            toServer = null;
        } finally {
            if (toServer != null) {
                toServer.destroy();
            }
        }
    }

    @Override
    public PeerInfo onCommand(Command command, Sink sink) throws ZmtpProtocolException, HandshakeRefusedException {
        String name = command.name();
        if (ZmtpWire.COMMAND_ERROR.equals(name)) {
            throw NullMechanism.refusal(command.errorReason());
        }
        if (step == Step.WELCOME && WELCOME.equals(name)) {
            onWelcome(command.data(), sink);
            return null;
        }
        if (step == Step.READY && READY.equals(name)) {
            return onReady(command.data());
        }
        throw new ZmtpProtocolException(ProtocolError.UNEXPECTED_COMMAND,
                "CURVE client at step " + step + " got " + name);
    }

    private void onWelcome(byte[] data, Sink sink) throws ZmtpProtocolException {
        if (data.length != WELCOME_DATA) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_WELCOME,
                    "CURVE WELCOME has " + data.length + " data bytes, not " + WELCOME_DATA);
        }
        byte[] nonce24 = CurveBoxes.longNonce(CurveBoxes.WELCOME_PREFIX, data, 0);
        byte[] plain;
        try {
            plain = CurveBoxes.open(welcomeKey, nonce24, data, CurveBoxes.LONG_NONCE,
                    data.length - CurveBoxes.LONG_NONCE, "WELCOME");
        } finally {
            welcomeKey.destroy();
            welcomeKey = null;
        }
        byte[] serverShort = java.util.Arrays.copyOf(plain, CurveBoxes.KEY);
        byte[] cookie = java.util.Arrays.copyOfRange(plain, CurveBoxes.KEY, plain.length);
        byte[] shortSecret = shortTerm.secretKey();
        try {
            session = CurveBoxes.boxKey(serverShort, shortSecret);
            byte[] vouch = vouch(serverShort, longTermSecret);
            sink.send(initiate(cookie, vouch));
        } finally {
            CurveBoxes.zero(shortSecret, longTermSecret);
            shortTerm.destroy();
        }
        step = Step.READY;
    }

    /** The vouch: C' and S boxed from C to S'. */
    private byte[] vouch(byte[] serverShort, byte[] longSecret) throws ZmtpProtocolException {
        BoxKey vouchKey = CurveBoxes.boxKey(serverShort, longSecret);
        try {
            byte[] nonce24 = CurveBoxes.longNonce(CurveBoxes.VOUCH_PREFIX);
            byte[] plain = new byte[2 * CurveBoxes.KEY];
            System.arraycopy(shortTerm.publicKey(), 0, plain, 0, CurveBoxes.KEY);
            System.arraycopy(serverKey, 0, plain, CurveBoxes.KEY, CurveBoxes.KEY);
            byte[] vouch = new byte[VOUCH_SIZE];
            System.arraycopy(nonce24, CurveBoxes.SHORT_NONCE, vouch, 0, CurveBoxes.LONG_NONCE);
            vouchKey.seal(nonce24, plain, 0, plain.length, vouch, CurveBoxes.LONG_NONCE);
            return vouch;
        } finally {
            vouchKey.destroy();
        }
    }

    private byte[] initiate(byte[] cookie, byte[] vouch) {
        byte[] metadata = PropertyCodec.encode(NullMechanism.readyProperties(context.options()));
        byte[] plain = new byte[CurveBoxes.KEY + vouch.length + metadata.length];
        System.arraycopy(longTermPublic, 0, plain, 0, CurveBoxes.KEY);
        System.arraycopy(vouch, 0, plain, CurveBoxes.KEY, vouch.length);
        System.arraycopy(metadata, 0, plain, CurveBoxes.KEY + vouch.length, metadata.length);
        nonce++;
        byte[] nonce24 = CurveBoxes.shortNonce(CurveBoxes.INITIATE_PREFIX, nonce);
        byte[] box = CurveBoxes.seal(session, nonce24, plain);
        ByteBuffer data = ByteBuffer.allocate(cookie.length + CurveBoxes.SHORT_NONCE + box.length);
        data.put(cookie).put(nonce24, CurveBoxes.LONG_NONCE, CurveBoxes.SHORT_NONCE).put(box);
        return Command.encode(INITIATE, data.array());
    }

    private PeerInfo onReady(byte[] data) throws ZmtpProtocolException {
        if (data.length < CurveBoxes.SHORT_NONCE + CurveBoxes.TAG) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_READY,
                    "CURVE READY has " + data.length + " data bytes");
        }
        peerNonce = CurveBoxes.counter(data, 0);
        byte[] nonce24 = CurveBoxes.shortNonce(CurveBoxes.READY_PREFIX, data, 0);
        byte[] metadata = CurveBoxes.open(session, nonce24, data, CurveBoxes.SHORT_NONCE,
                data.length - CurveBoxes.SHORT_NONCE, "READY");
        PeerInfo peer = NullMechanism.checkPeer(context,
                PropertyCodec.decode(ByteBuffer.wrap(metadata), READY, ProtocolError.MALFORMED_COMMAND_READY),
                peerGreeting.minor());
        cipher = new CurveCipher(session, true, nonce, peerNonce);
        step = Step.DONE;
        return peer;
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
        if (welcomeKey != null) {
            welcomeKey.destroy();
        }
        if (shortTerm != null) {
            shortTerm.destroy();
        }
        CurveBoxes.zero(longTermSecret);
    }
}
