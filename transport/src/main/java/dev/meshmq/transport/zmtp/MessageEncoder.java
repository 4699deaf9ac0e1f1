package dev.meshmq.transport.zmtp;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Encodes messages as ZMTP frames (RFC 37 "Framing") into output buffers of any size, so that
 * several messages can be batched into one write and a large one spread over many. Short size form
 * for bodies of 0-255 bytes, long form above; MORE on every frame but the last.
 *
 * <p>Usage: {@link #start} a message, then call {@link #encodeTo} with buffers until it returns
 * true; the encoder is then idle again.
 *
 * <p>Threading: single-threaded, owned by one I/O thread at a time.
 */
public final class MessageEncoder implements WireEncoder {

    private static final int SHORT_HEADER_SIZE = 2;
    private static final int LONG_HEADER_SIZE = 9;

    private final ByteBuffer header = ByteBuffer.allocate(LONG_HEADER_SIZE);
    private Message message;
    private int frameIndex;
    private int bodyOffset;

    /**
     * Starts encoding {@code message}.
     *
     * @param message the message to encode
     * @throws IllegalStateException if the previous message is not completely written yet
     */
    @Override
    public void start(Message message) {
        Objects.requireNonNull(message, "message");
        if (!isIdle()) {
            throw new IllegalStateException("still encoding the previous message");
        }
        this.message = message;
        frameIndex = 0;
        prepareFrame();
    }

    /**
     * Writes as much of the current message as fits in {@code out}.
     *
     * @param out the buffer to write into, from its position
     * @return true once the whole message has been written (the encoder is idle again)
     * @throws IllegalStateException if no message was started
     */
    @Override
    public boolean encodeTo(ByteBuffer out) {
        if (isIdle()) {
            throw new IllegalStateException("no message started");
        }
        while (true) {
            if (header.hasRemaining()) {
                int count = Math.min(header.remaining(), out.remaining());
                out.put(header.array(), header.position(), count);
                header.position(header.position() + count);
                if (header.hasRemaining()) {
                    return false;
                }
            }
            Frame frame = message.frame(frameIndex);
            int count = Math.min(frame.size() - bodyOffset, out.remaining());
            frame.copyTo(bodyOffset, out, count);
            bodyOffset += count;
            if (bodyOffset < frame.size()) {
                return false;
            }
            frameIndex++;
            if (frameIndex == message.size()) {
                message = null;
                return true;
            }
            prepareFrame();
        }
    }

    /**
     * Returns whether no message is being encoded.
     *
     * @return true if {@link #start} may be called
     */
    @Override
    public boolean isIdle() {
        return message == null;
    }

    /**
     * Returns the number of bytes {@code message} takes on the wire, headers included.
     *
     * @param message the message
     * @return the encoded size
     * @throws ArithmeticException if it exceeds {@code Integer.MAX_VALUE}
     */
    public static int encodedSize(Message message) {
        int total = 0;
        for (Frame frame : message) {
            int headerSize = frame.size() > ZmtpWire.MAX_SHORT_SIZE ? LONG_HEADER_SIZE : SHORT_HEADER_SIZE;
            total = Math.addExact(total, Math.addExact(headerSize, frame.size()));
        }
        return total;
    }

    private void prepareFrame() {
        Frame frame = message.frame(frameIndex);
        int size = frame.size();
        int more = frameIndex < message.size() - 1 ? ZmtpWire.FLAG_MORE : 0;
        header.clear();
        if (size > ZmtpWire.MAX_SHORT_SIZE) {
            header.put((byte) (more | ZmtpWire.FLAG_LONG)).putLong(size);
        } else {
            header.put((byte) more).put((byte) size);
        }
        header.flip();
        bodyOffset = 0;
    }
}
