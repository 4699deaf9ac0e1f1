package dev.meshmq.transport;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.transport.zmtp.WireEncoder;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Seals the frames of a CURVE connection (RFC 26, MESSAGE): each frame of a message becomes one
 * MESSAGE, "\7MESSAGE", the short nonce, and the box of a flags byte (MORE, COMMAND) and the frame's
 * bytes. As libzmq does, the MESSAGE travels in a ZMTP message frame without the MORE bit; the
 * multipart structure is inside the boxes.
 *
 * <p>Each MESSAGE is built in one reused array: the frame's bytes are copied in once, sealed in place
 * (the tag goes just before the ciphertext), and the array is then copied to the output buffer as room
 * allows. Frames larger than {@link #KEPT_STAGING} use an array of their own, dropped afterwards.
 * Commands after the handshake (PING, PONG, SUBSCRIBE, CANCEL) are sealed the same way with the
 * COMMAND flag, at the moment they are written, so nonces follow the order of the wire.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class CurveEncoder implements WireEncoder {

    /** The command that carries a sealed frame. */
    static final String MESSAGE = "MESSAGE";
    /** "\7MESSAGE": the command name of a sealed frame, with its length byte. */
    static final byte[] MESSAGE_NAME = {7, 'M', 'E', 'S', 'S', 'A', 'G', 'E'};
    /** Bytes a MESSAGE adds to a frame, frame header aside: name, nonce, tag, flags. */
    static final int OVERHEAD = MESSAGE_NAME.length + CurveBoxes.SHORT_NONCE + CurveBoxes.TAG + 1;
    static final int FLAG_MORE = 1;
    static final int FLAG_COMMAND = 2;
    private static final int KEPT_STAGING = 64 * 1024 + OVERHEAD + 9;

    private final CurveCipher cipher;
    private byte[] staging = new byte[256];
    private ByteBuffer pending;
    private Message message;
    private int frameIndex;

    CurveEncoder(CurveCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public void start(Message next) {
        if (!isIdle()) {
            throw new IllegalStateException("still encoding the previous message");
        }
        message = next;
        frameIndex = 0;
        sealFrame();
    }

    @Override
    public boolean encodeTo(ByteBuffer out) {
        while (true) {
            int count = Math.min(pending.remaining(), out.remaining());
            out.put(pending.array(), pending.position(), count);
            pending.position(pending.position() + count);
            if (pending.hasRemaining()) {
                return false;
            }
            frameIndex++;
            if (frameIndex == message.size()) {
                message = null;
                pending = null;
                return true;
            }
            sealFrame();
        }
    }

    @Override
    public boolean isIdle() {
        return message == null;
    }

    private void sealFrame() {
        Frame frame = message.frame(frameIndex);
        int flags = frameIndex < message.size() - 1 ? FLAG_MORE : 0;
        pending = seal(flags, frame.size(), (array, at) -> frame.copyTo(0, ByteBuffer.wrap(array, at, frame.size()),
                frame.size()));
    }

    /**
     * Seals a command frame written before the handshake ended its clear-text life: the frame's body
     * becomes the content of a MESSAGE with the COMMAND flag.
     *
     * @param commandFrame a whole command frame (flags, size, body)
     * @return the whole sealed frame
     */
    byte[] sealCommand(byte[] commandFrame) {
        if (!isIdle()) {
            throw new IllegalStateException("a command is sealed between messages only");
        }
        int headerSize = (commandFrame[0] & ZmtpWire.FLAG_LONG) != 0 ? 9 : 2;
        int bodySize = commandFrame.length - headerSize;
        ByteBuffer sealed = seal(FLAG_COMMAND, bodySize,
                (array, at) -> System.arraycopy(commandFrame, headerSize, array, at, bodySize));
        return Arrays.copyOfRange(sealed.array(), 0, sealed.limit());
    }

    /** Writes a plaintext of {@code size} bytes at the given array offset. */
    private interface Content {
        void writeTo(byte[] array, int offset);
    }

    private ByteBuffer seal(int flags, int size, Content content) {
        long bodySize = (long) OVERHEAD + size;
        int headerSize = bodySize > ZmtpWire.MAX_SHORT_SIZE ? 9 : 2;
        int total = Math.toIntExact(headerSize + bodySize);
        byte[] array = staging;
        if (total > array.length) {
            array = new byte[total];
            if (total <= KEPT_STAGING) {
                staging = array;
            }
        }
        ByteBuffer out = ByteBuffer.wrap(array);
        if (headerSize == 2) {
            out.put((byte) 0).put((byte) bodySize);
        } else {
            out.put((byte) ZmtpWire.FLAG_LONG).putLong(bodySize);
        }
        out.put(MESSAGE_NAME);
        int nonceAt = out.position();
        byte[] nonce = cipher.nextSendNonce(array, nonceAt);
        int tagAt = nonceAt + CurveBoxes.SHORT_NONCE;
        int plainAt = tagAt + CurveBoxes.TAG;
        array[plainAt] = (byte) flags;
        content.writeTo(array, plainAt + 1);
        cipher.key().seal(nonce, array, plainAt, 1 + size, array, tagAt);
        return ByteBuffer.wrap(array, 0, total);
    }
}
