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
 * allows. Frames larger than {@link #KEPT_STAGING} use an array of their own, dropped afterwards. Per
 * frame nothing is allocated but what {@link Frame#copyTo} may need (the frame's bytes have no array
 * that could be sealed from directly).
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
    /** A view of {@link #staging} for {@link Frame#copyTo}, made again only when the array grows. */
    private ByteBuffer stagingView = ByteBuffer.wrap(staging);
    /** The sealed frame being written out: {@code pendingArray[pendingAt, pendingEnd)}. */
    private byte[] pendingArray;
    private int pendingAt;
    private int pendingEnd;
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
            int count = Math.min(pendingEnd - pendingAt, out.remaining());
            out.put(pendingArray, pendingAt, count);
            pendingAt += count;
            if (pendingAt < pendingEnd) {
                return false;
            }
            frameIndex++;
            if (frameIndex == message.size()) {
                message = null;
                pendingArray = null;
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
        int size = frame.size();
        int plainAt = begin(frameIndex < message.size() - 1 ? FLAG_MORE : 0, size);
        ByteBuffer view = pendingArray == staging ? stagingView : ByteBuffer.wrap(pendingArray);
        view.clear().position(plainAt + 1);
        frame.copyTo(0, view, size);
        finish(plainAt, size);
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
        int plainAt = begin(FLAG_COMMAND, bodySize);
        System.arraycopy(commandFrame, headerSize, pendingArray, plainAt + 1, bodySize);
        finish(plainAt, bodySize);
        byte[] sealed = Arrays.copyOfRange(pendingArray, 0, pendingEnd);
        pendingArray = null;
        return sealed;
    }

    /**
     * Picks the array for a MESSAGE of {@code size} content bytes (the kept staging array, or one of its
     * own for a frame above {@link #KEPT_STAGING}) and writes the frame header, the name and the flags.
     *
     * @return where the plaintext (flags, then content) starts; the content goes one byte after
     */
    private int begin(int flags, int size) {
        long bodySize = (long) OVERHEAD + size;
        int headerSize = bodySize > ZmtpWire.MAX_SHORT_SIZE ? 9 : 2;
        int total = Math.toIntExact(headerSize + bodySize);
        byte[] array = staging;
        if (total > array.length) {
            array = new byte[total];
            if (total <= KEPT_STAGING) {
                staging = array;
                stagingView = ByteBuffer.wrap(array);
            }
        }
        int at;
        if (headerSize == 2) {
            array[0] = 0;
            array[1] = (byte) bodySize;
            at = 2;
        } else {
            array[0] = (byte) ZmtpWire.FLAG_LONG;
            for (int i = 0; i < Long.BYTES; i++) {
                array[1 + i] = (byte) (bodySize >>> (8 * (Long.BYTES - 1 - i)));
            }
            at = 9;
        }
        System.arraycopy(MESSAGE_NAME, 0, array, at, MESSAGE_NAME.length);
        int plainAt = at + MESSAGE_NAME.length + CurveBoxes.SHORT_NONCE + CurveBoxes.TAG;
        array[plainAt] = (byte) flags;
        pendingArray = array;
        pendingAt = 0;
        pendingEnd = total;
        return plainAt;
    }

    /** Takes the next nonce and seals the plaintext at {@code plainAt} in place, the tag just before it. */
    private void finish(int plainAt, int size) {
        int tagAt = plainAt - CurveBoxes.TAG;
        int nonceAt = tagAt - CurveBoxes.SHORT_NONCE;
        byte[] nonce = cipher.nextSendNonce(pendingArray, nonceAt);
        cipher.sealKey().seal(nonce, pendingArray, plainAt, 1 + size, pendingArray, tagAt);
    }
}
