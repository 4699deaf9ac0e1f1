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
 * <p>Gathering: a body of at least {@link #GATHER_THRESHOLD} bytes held in a direct buffer (see
 * {@link Frame#wrap(ByteBuffer)}) is not copied: once its header is in the output buffer,
 * {@link #encodeTo} stops and {@link #gatheredBody()} returns a view of the body, which the caller
 * writes right after the output buffer's bytes (a gathering write) and then reports with
 * {@link #gatheredBodyWritten()}. Heap bodies are copied whatever their size: the JDK copies a heap
 * buffer into a temporary direct buffer inside every channel write, all of its remaining bytes each
 * time, so gathering one saves nothing and costs a repeated copy when the channel takes only part.
 *
 * <p>Threading: single-threaded, owned by one I/O thread at a time.
 */
public final class MessageEncoder implements WireEncoder {

    private static final int SHORT_HEADER_SIZE = 2;
    private static final int LONG_HEADER_SIZE = 9;

    /**
     * Smallest direct body written by a gathering write instead of being copied: twice an I/O thread's
     * output buffer. Smaller bodies are cheaper copied and batched several to a write than given a system
     * call each (measured on the writing thread: gathered, 8-64 KiB bodies cost more CPU per byte than
     * copied, 128 KiB and larger less; bench/README.md).
     */
    public static final int GATHER_THRESHOLD = 128 * 1024;

    private final ByteBuffer header = ByteBuffer.allocate(LONG_HEADER_SIZE);
    private final int gatherThreshold;
    private Message message;
    private int frameIndex;
    private int bodyOffset;
    /** The current frame's body, handed out for a gathering write; null while bodies are copied. */
    private ByteBuffer gathered;

    /** Creates an encoder that gathers direct bodies of at least {@link #GATHER_THRESHOLD} bytes. */
    public MessageEncoder() {
        this(GATHER_THRESHOLD);
    }

    /**
     * Creates an encoder with another gathering threshold, for tests and measurements.
     *
     * @param gatherThreshold smallest direct body handed out by {@link #gatheredBody()};
     *     {@code Integer.MAX_VALUE} copies every body
     */
    public MessageEncoder(int gatherThreshold) {
        this.gatherThreshold = gatherThreshold;
    }

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
     * @return true once the whole message has been written (the encoder is idle again); false if
     *     {@code out} is full or a body waits in {@link #gatheredBody()}
     * @throws IllegalStateException if no message was started
     */
    @Override
    public boolean encodeTo(ByteBuffer out) {
        if (isIdle()) {
            throw new IllegalStateException("no message started");
        }
        if (gathered != null) {
            return false;
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
            if (bodyOffset == 0 && frame.size() >= gatherThreshold && frame.isDirect()) {
                gathered = frame.asReadOnlyBuffer();
                return false;
            }
            int count = Math.min(frame.size() - bodyOffset, out.remaining());
            frame.copyTo(bodyOffset, out, count);
            bodyOffset += count;
            if (bodyOffset < frame.size()) {
                return false;
            }
            if (nextFrame()) {
                return true;
            }
        }
    }

    /** Moves to the next frame; returns true if the message is done. */
    private boolean nextFrame() {
        frameIndex++;
        if (frameIndex == message.size()) {
            message = null;
            return true;
        }
        prepareFrame();
        return false;
    }

    /**
     * Returns the body to write right after the bytes encoded so far, or null if there is none. Its
     * position advances as the channel takes it; it is the same buffer until {@link #gatheredBodyWritten}.
     *
     * @return the body's remaining bytes, or null
     */
    @Override
    public ByteBuffer gatheredBody() {
        return gathered;
    }

    /**
     * The channel took all of {@link #gatheredBody()}: encoding goes on with the next frame.
     *
     * @return true if that was the message's last frame (the encoder is idle again)
     * @throws IllegalStateException if no body was handed out or some of it is not written
     */
    @Override
    public boolean gatheredBodyWritten() {
        if (gathered == null || gathered.hasRemaining()) {
            throw new IllegalStateException("no gathered body, or not all of it written");
        }
        gathered = null;
        return nextFrame();
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
