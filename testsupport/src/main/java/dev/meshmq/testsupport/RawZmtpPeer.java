package dev.meshmq.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A hand-made ZMTP peer for robustness tests: a plain TCP connection to 127.0.0.1 that sends whatever
 * bytes a test gives it, valid or not. The bytes are built here by hand from the ZMTP 3.1 reference
 * (greeting: 64 octets; frame: flags, 1- or 8-byte size, body; command body: name-len, name, data;
 * READY property: name-len, name, 4-byte value-len, value), never with MeshMQ's own codec, so that a
 * codec bug cannot hide itself.
 *
 * <p>Every blocking step has a deadline: the channel is non-blocking and waits go through a selector.
 *
 * <p>Thread-safety: not thread-safe; one test thread uses a peer.
 */
public final class RawZmtpPeer implements AutoCloseable {

    public static final int GREETING_SIZE = 64;
    public static final int FLAG_MORE = 0x01;
    public static final int FLAG_LONG = 0x02;
    public static final int FLAG_COMMAND = 0x04;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

    private RawZmtpPeer(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    /** Connects to a {@code tcp://127.0.0.1:port} endpoint, waiting at most {@code timeout}. */
    public static RawZmtpPeer connect(String endpoint, Duration timeout) throws IOException {
        URI uri = URI.create(endpoint);
        SocketChannel channel = SocketChannel.open();
        Selector selector = Selector.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (!channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()))) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                if (selector.select(Math.max(1, timeout.toMillis())) == 0) {
                    throw new IOException("connect to " + endpoint + " timed out");
                }
                selector.selectedKeys().clear();
                channel.finishConnect();
            }
            return new RawZmtpPeer(channel, selector);
        } catch (IOException e) {
            selector.close();
            channel.close();
            throw e;
        }
    }

    // ---- byte builders (from the reference, section 2) ----

    /** A 64-byte greeting: 0xFF, 8 padding bytes (last 0x01), 0x7F, major, minor, mechanism, as-server 0. */
    public static byte[] greeting(int major, int minor, String mechanism) {
        byte[] bytes = new byte[GREETING_SIZE];
        bytes[0] = (byte) 0xFF;
        bytes[8] = 0x01;
        bytes[9] = 0x7F;
        bytes[10] = (byte) major;
        bytes[11] = (byte) minor;
        byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, bytes, 12, name.length);
        return bytes;
    }

    /** A ZMTP 3.1 NULL greeting. */
    public static byte[] nullGreeting() {
        return greeting(3, 1, "NULL");
    }

    /** A frame: flags, size (short form up to 255 unless LONG is in the flags, else 8 bytes), body. */
    public static byte[] frame(int flags, byte[] body) {
        boolean longForm = body.length > 255 || (flags & FLAG_LONG) != 0;
        ByteBuffer out = ByteBuffer.allocate(body.length + (longForm ? 9 : 2));
        out.put((byte) (flags | (longForm ? FLAG_LONG : 0)));
        if (longForm) {
            out.putLong(body.length);
        } else {
            out.put((byte) body.length);
        }
        out.put(body);
        return out.array();
    }

    /** The header of a long frame that claims {@code size} body bytes (no body). */
    public static byte[] longFrameHeader(int flags, long size) {
        return ByteBuffer.allocate(9).put((byte) (flags | FLAG_LONG)).putLong(size).array();
    }

    /** A command body: name-len, name, data. */
    public static byte[] commandBody(String name, byte[] data) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        return concat(new byte[] {(byte) nameBytes.length}, nameBytes, data);
    }

    /** A command frame (flags 0x04). */
    public static byte[] command(String name, byte[] data) {
        return frame(FLAG_COMMAND, commandBody(name, data));
    }

    /** A READY command frame with the single property Socket-Type. */
    public static byte[] ready(String socketType) {
        byte[] property = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
        byte[] data = concat(new byte[] {(byte) property.length}, property,
                ByteBuffer.allocate(4).putInt(value.length).array(), value);
        return command("READY", data);
    }

    /** A message of one or more frames, MORE set on all but the last. */
    public static byte[] message(byte[]... parts) {
        byte[][] frames = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            frames[i] = frame(i < parts.length - 1 ? FLAG_MORE : 0, parts[i]);
        }
        return concat(frames);
    }

    /** A message of string frames, US-ASCII. */
    public static byte[] message(String... parts) {
        byte[][] bytes = new byte[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = parts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return message(bytes);
    }

    public static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }

    // ---- I/O ----

    /** Sends all of {@code bytes}, failing if the peer does not take them within {@code timeout}. */
    public void send(byte[] bytes, Duration timeout) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffer.hasRemaining()) {
            if (channel.write(buffer) == 0) {
                await(SelectionKey.OP_WRITE, deadline, "send");
            }
        }
    }

    /** Sends as much of {@code bytes} as the peer takes before it closes; an I/O error ends quietly. */
    public void sendUntilClosed(byte[] bytes, Duration timeout) {
        try {
            send(bytes, timeout);
        } catch (IOException expected) {
            // the server closed the connection part-way: that is what the tests look for
        }
    }

    /** Reads exactly {@code count} bytes, failing on end of stream or after {@code timeout}. */
    public byte[] receive(int count, Duration timeout) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer);
            if (read < 0) {
                throw new IOException("connection closed after " + buffer.position() + " of " + count + " bytes");
            }
            if (read == 0) {
                await(SelectionKey.OP_READ, deadline, "receive");
            }
        }
        return buffer.array();
    }

    /** Reads one frame and returns {flags} followed by the body. */
    public byte[] receiveFrame(Duration timeout) throws IOException {
        int flags = receive(1, timeout)[0] & 0xFF;
        long size = (flags & FLAG_LONG) != 0
                ? ByteBuffer.wrap(receive(8, timeout)).getLong()
                : receive(1, timeout)[0] & 0xFF;
        if (size < 0 || size > 1 << 20) {
            throw new IOException("server frame claims " + size + " bytes");
        }
        return concat(new byte[] {(byte) flags}, receive((int) size, timeout));
    }

    /**
     * Waits until the server closes the connection: end of stream or a reset. Whatever the server
     * sends meanwhile (its greeting, its READY) is read and discarded.
     *
     * @return true if closed within the timeout, false if it is still open
     */
    public boolean awaitClosedByServer(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            readBuffer.clear();
            int read;
            try {
                read = channel.read(readBuffer);
            } catch (IOException expected) {
                return true;
            }
            if (read < 0) {
                return true;
            }
            if (read == 0 && !tryAwait(SelectionKey.OP_READ, deadline)) {
                return false;
            }
        }
    }

    /** Whether the server has closed the connection by now (non-waiting check, drains what is buffered). */
    public boolean isClosedByServer() throws IOException {
        return awaitClosedByServer(Duration.ZERO);
    }

    /** Makes {@link #close()} reset the connection (SO_LINGER 0) instead of an orderly FIN. */
    public void resetOnClose() throws IOException {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    }

    /** Half-closes: sends FIN but keeps reading. */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    private void await(int op, long deadline, String what) throws IOException {
        if (!tryAwait(op, deadline)) {
            throw new IOException(what + " timed out");
        }
    }

    private boolean tryAwait(int op, long deadline) throws IOException {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            return false;
        }
        SelectionKey key = channel.register(selector, op);
        try {
            int ready = selector.select(remainingMillis);
            selector.selectedKeys().clear();
            return ready > 0 || System.nanoTime() < deadline;
        } finally {
            key.interestOps(0);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "RawZmtpPeer[" + channel + "]";
    }
}
