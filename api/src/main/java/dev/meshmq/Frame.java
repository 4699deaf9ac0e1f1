package dev.meshmq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One frame of a {@link Message}: an immutable sequence of bytes, held in a {@code byte[]} or, for
 * {@link #wrap(ByteBuffer)}, in a {@link ByteBuffer} (heap or direct).
 *
 * <p>Both backings behave the same in every method ({@link #equals} and {@link #hashCode} compare and
 * hash the bytes only, so a buffer-backed frame equals an array-backed one with the same bytes). On
 * tcp and ipc a frame of 128 KiB or more backed by a direct buffer goes to the channel without being
 * copied into the connection's output buffer (smaller ones are cheaper copied and batched); over
 * inproc every frame is handed over as it is. Frames received from tcp and ipc are array-backed.
 *
 * <p>Thread-safety: immutable, safe to share between threads. A frame made with {@link #wrap(byte[])}
 * or {@link #wrap(ByteBuffer)} is immutable only as long as the caller keeps its promise not to change
 * the array or the buffer's content.
 */
public final class Frame {

    private static final byte[] NO_BYTES = new byte[0];

    /** The frame with no bytes. */
    public static final Frame EMPTY = new Frame(NO_BYTES);

    /** The bytes, or null when {@link #buffer} holds them. */
    private final byte[] data;
    /** The bytes from 0 to its capacity, for a buffer-backed frame; never handed out (views are). */
    private final ByteBuffer buffer;

    private Frame(byte[] data) {
        this.data = data;
        this.buffer = null;
    }

    private Frame(ByteBuffer buffer) {
        this.data = null;
        this.buffer = buffer;
    }

    /**
     * Returns a frame holding a copy of {@code bytes}.
     *
     * @param bytes the content, copied
     * @return the frame
     */
    public static Frame of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Frame(bytes.clone());
    }

    /**
     * Returns a frame holding the UTF-8 encoding of {@code text}.
     *
     * @param text the content
     * @return the frame
     */
    public static Frame of(String text) {
        Objects.requireNonNull(text, "text");
        return text.isEmpty() ? EMPTY : new Frame(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns a frame that uses {@code bytes} without copying it. The caller must not change the array
     * afterwards; this is the zero-copy path for large bodies.
     *
     * @param bytes the content, not copied
     * @return the frame
     */
    public static Frame wrap(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Frame(bytes);
    }

    /**
     * Returns a frame of the bytes between {@code buffer}'s position and its limit, without copying
     * them. The frame takes ownership of those bytes: the caller must not change them afterwards
     * (through this buffer or any other view of the same memory), nor free or reuse the memory of a
     * direct buffer, for as long as the frame or a message holding it may still be sent or read. The
     * buffer's own position, limit and mark are not changed, and may be changed later without effect on
     * the frame. A heap buffer whose array is exactly those bytes is used as that array. A direct
     * buffer is what makes a large frame (128 KiB or more) go to a tcp or ipc channel without a copy.
     *
     * @param buffer the content from its position to its limit, not copied; heap, direct or read-only
     * @return the frame
     */
    public static Frame wrap(ByteBuffer buffer) {
        Objects.requireNonNull(buffer, "buffer");
        int size = buffer.remaining();
        if (size == 0) {
            return EMPTY;
        }
        if (buffer.hasArray() && buffer.arrayOffset() + buffer.position() == 0 && size == buffer.array().length) {
            return new Frame(buffer.array());
        }
        return new Frame(buffer.slice());
    }

    /**
     * Returns whether this frame's bytes are in a direct buffer (made by {@link #wrap(ByteBuffer)}).
     *
     * @return true for a frame backed by direct memory
     */
    public boolean isDirect() {
        return buffer != null && buffer.isDirect();
    }

    /**
     * Returns the number of bytes in this frame.
     *
     * @return the size in bytes
     */
    public int size() {
        return data != null ? data.length : buffer.capacity();
    }

    /**
     * Returns whether the frame has no bytes.
     *
     * @return true for an empty frame
     */
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Returns the byte at {@code index}.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the byte
     */
    public byte byteAt(int index) {
        return data != null ? data[index] : buffer.get(index);
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return a new array
     */
    public byte[] toByteArray() {
        if (data != null) {
            return data.length == 0 ? NO_BYTES : data.clone();
        }
        byte[] copy = new byte[buffer.capacity()];
        buffer.get(0, copy);
        return copy;
    }

    /**
     * Returns a read-only view of the bytes, without copying.
     *
     * @return a new read-only buffer positioned at 0 with its limit at {@link #size()}; direct if the
     *     frame's bytes are
     */
    public ByteBuffer asReadOnlyBuffer() {
        return data != null ? ByteBuffer.wrap(data).asReadOnlyBuffer() : buffer.asReadOnlyBuffer();
    }

    /**
     * Copies {@code length} bytes starting at {@code offset} into {@code target}.
     *
     * @param offset the first byte of this frame to copy
     * @param target the buffer to write into, at its position, which advances by {@code length}
     * @param length how many bytes to copy
     * @throws IndexOutOfBoundsException if the range is outside this frame
     * @throws java.nio.BufferOverflowException if {@code target} has less room than {@code length}
     */
    public void copyTo(int offset, ByteBuffer target, int length) {
        if (data != null) {
            target.put(data, offset, length);
            return;
        }
        Objects.checkFromIndexSize(offset, length, buffer.capacity());
        if (target.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        target.put(target.position(), buffer, offset, length);
        target.position(target.position() + length);
    }

    /**
     * Decodes the bytes as UTF-8.
     *
     * @return the text
     */
    public String asString() {
        return data != null ? new String(data, StandardCharsets.UTF_8) : StandardCharsets.UTF_8.decode(
                buffer.duplicate()).toString();
    }

    /**
     * Returns whether this frame holds exactly the given bytes.
     *
     * @param bytes the bytes to compare with
     * @return true if equal
     */
    public boolean contentEquals(byte[] bytes) {
        if (data != null) {
            return Arrays.equals(data, bytes);
        }
        return bytes != null && buffer.equals(ByteBuffer.wrap(bytes));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Frame)) {
            return false;
        }
        Frame that = (Frame) other;
        if (data != null && that.data != null) {
            return Arrays.equals(data, that.data);
        }
        return view().equals(that.view());
    }

    /** The same value as {@link Arrays#hashCode(byte[])} of the bytes, whatever the backing. */
    @Override
    public int hashCode() {
        if (data != null) {
            return Arrays.hashCode(data);
        }
        int hash = 1;
        for (int i = 0, n = buffer.capacity(); i < n; i++) {
            hash = 31 * hash + buffer.get(i);
        }
        return hash;
    }

    /** A buffer over the bytes for comparing, not handed out. */
    private ByteBuffer view() {
        return data != null ? ByteBuffer.wrap(data) : buffer.duplicate();
    }

    @Override
    public String toString() {
        return "Frame[" + size() + " bytes" + (isDirect() ? ", direct" : "") + "]";
    }
}
