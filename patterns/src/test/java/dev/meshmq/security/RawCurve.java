package dev.meshmq.security;

import dev.meshmq.CurveKeyPair;
import dev.meshmq.transport.curve.BoxKey;
import dev.meshmq.transport.curve.BoxOpenException;
import dev.meshmq.transport.curve.CurveCrypto;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A CURVE peer written out by hand for hostile tests: it speaks RFC 26 from the bytes up (with the
 * box primitives of sec-keys), so each step can be sent whole, short, tampered or out of order.
 * Blocking socket I/O with a read timeout.
 */
final class RawCurve implements AutoCloseable {

    static final byte[] HELLO_PREFIX = ascii("CurveZMQHELLO---");
    static final byte[] INITIATE_PREFIX = ascii("CurveZMQINITIATE");
    static final byte[] READY_PREFIX = ascii("CurveZMQREADY---");
    static final byte[] MESSAGE_C = ascii("CurveZMQMESSAGEC");
    static final byte[] MESSAGE_S = ascii("CurveZMQMESSAGES");

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** The client's state once WELCOME has been read. */
    byte[] serverShort;
    byte[] cookie;
    BoxKey session;
    final CurveKeyPair shortTerm = CurveKeyPair.generate();
    final CurveKeyPair longTerm = CurveKeyPair.generate();

    RawCurve(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(5000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawCurve connect(String endpoint) throws IOException {
        String hostPort = endpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        return new RawCurve(new Socket(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] nonce(byte[] prefix, long counter) {
        return ByteBuffer.allocate(24).put(prefix).putLong(counter).array();
    }

    static byte[] box(byte[] theirPublic, byte[] mySecret, byte[] nonce, byte[] plain) {
        BoxKey key = new BoxKey(CurveCrypto.sharedKey(theirPublic, mySecret));
        byte[] box = new byte[plain.length + 16];
        key.seal(nonce, plain, 0, plain.length, box, 0);
        return box;
    }

    static byte[] open(byte[] theirPublic, byte[] mySecret, byte[] nonce, byte[] box) throws BoxOpenException {
        BoxKey key = new BoxKey(CurveCrypto.sharedKey(theirPublic, mySecret));
        byte[] plain = new byte[box.length - 16];
        key.open(nonce, box, 0, box.length, plain, 0);
        return plain;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void greet() throws IOException {
        byte[] greeting = new byte[64];
        greeting[0] = (byte) 0xFF;
        greeting[8] = 1;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        System.arraycopy(ascii("CURVE"), 0, greeting, 12, 5);
        send(greeting);
        in.readFully(new byte[64]);
    }

    /** Sends a command frame. */
    void command(String name, byte[] data) throws IOException {
        byte[] body = ByteBuffer.allocate(1 + name.length() + data.length).put((byte) name.length())
                .put(ascii(name)).put(data).array();
        frame(0x04, body);
    }

    void frame(int flags, byte[] body) throws IOException {
        ByteBuffer header = body.length > 255
                ? ByteBuffer.allocate(9).put((byte) (flags | 0x02)).putLong(body.length)
                : ByteBuffer.allocate(2).put((byte) flags).put((byte) body.length);
        send(header.array());
        send(body);
    }

    /** Reads one frame's body. */
    byte[] readFrame() throws IOException {
        int flags = in.readUnsignedByte();
        long size = (flags & 0x02) != 0 ? in.readLong() : in.readUnsignedByte();
        byte[] body = new byte[(int) size];
        in.readFully(body);
        return body;
    }

    /** A valid HELLO's data, its box sealed to {@code serverKey}. */
    byte[] helloData(byte[] serverKey, long nonce) {
        byte[] box = box(serverKey, shortTerm.secretKey(), nonce(HELLO_PREFIX, nonce), new byte[64]);
        return ByteBuffer.allocate(194).put((byte) 1).put((byte) 0).put(new byte[72]).put(shortTerm.publicKey())
                .putLong(nonce).put(box).array();
    }

    /** Reads WELCOME and keeps S' and the cookie. */
    void readWelcome(byte[] serverKey) throws IOException, BoxOpenException {
        byte[] body = readFrame();
        byte[] data = Arrays.copyOfRange(body, 8, body.length);
        byte[] nonce = ByteBuffer.allocate(24).put(ascii("WELCOME-")).put(data, 0, 16).array();
        byte[] plain = open(serverKey, shortTerm.secretKey(), nonce, Arrays.copyOfRange(data, 16, data.length));
        serverShort = Arrays.copyOf(plain, 32);
        cookie = Arrays.copyOfRange(plain, 32, 128);
        session = new BoxKey(CurveCrypto.sharedKey(serverShort, shortTerm.secretKey()));
    }

    /** A valid INITIATE's data with {@code metadata}, vouching for {@code vouchedServer}. */
    byte[] initiateData(byte[] vouchedServer, byte[] metadata, long nonce) {
        byte[] vouchNonce = ByteBuffer.allocate(24).put(ascii("VOUCH---")).put(new byte[16]).array();
        byte[] vouchPlain = ByteBuffer.allocate(64).put(shortTerm.publicKey()).put(vouchedServer).array();
        byte[] vouchBox = box(serverShort, longTerm.secretKey(), vouchNonce, vouchPlain);
        byte[] plain = ByteBuffer.allocate(32 + 96 + metadata.length).put(longTerm.publicKey())
                .put(vouchNonce, 8, 16).put(vouchBox).put(metadata).array();
        byte[] box = new byte[plain.length + 16];
        session.seal(nonce(INITIATE_PREFIX, nonce), plain, 0, plain.length, box, 0);
        return ByteBuffer.allocate(96 + 8 + box.length).put(cookie).putLong(nonce).put(box).array();
    }

    /** Socket-Type PUSH metadata. */
    static byte[] pushMetadata() {
        return ByteBuffer.allocate(1 + 11 + 4 + 4).put((byte) 11).put(ascii("Socket-Type")).putInt(4)
                .put(ascii("PUSH")).array();
    }

    /** Completes a good handshake as a PUSH: greeting, HELLO, WELCOME, INITIATE, and the server's READY. */
    void handshake(byte[] serverKey) throws IOException, BoxOpenException {
        greet();
        command("HELLO", helloData(serverKey, 1));
        readWelcome(serverKey);
        command("INITIATE", initiateData(serverKey, pushMetadata(), 2));
        readFrame();
    }

    /** A MESSAGE frame body sealed with the session. */
    byte[] messageBody(long nonce, int flags, byte[] payload) {
        byte[] plain = ByteBuffer.allocate(1 + payload.length).put((byte) flags).put(payload).array();
        byte[] box = new byte[plain.length + 16];
        session.seal(nonce(MESSAGE_C, nonce), plain, 0, plain.length, box, 0);
        return ByteBuffer.allocate(8 + 8 + box.length).put((byte) 7).put(ascii("MESSAGE")).putLong(nonce).put(box)
                .array();
    }

    /** Whether the other side closed the connection within the read timeout. */
    boolean closedByPeer() throws IOException {
        try {
            while (in.read() >= 0) {
                // discard whatever comes before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
