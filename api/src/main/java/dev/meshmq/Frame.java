package dev.meshmq;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One frame of a {@link Message}: an immutable sequence of bytes.
 *
 * <p>Thread-safety: immutable, safe to share between threads. A frame made with {@link #wrap(byte[])}
 * is immutable only as long as the caller keeps its promise not to change the array.
 */
public final class Frame {

    private static final byte[] NO_BYTES = new byte[0];

    /** The frame with no bytes. */
    public static final Frame EMPTY = new Frame(NO_BYTES);

    private final byte[] data;

    private Frame(byte[] data) {
        this.data = data;
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
     * Returns the number of bytes in this frame.
     *
     * @return the size in bytes
     */
    public int size() {
        return data.length;
    }

    /**
     * Returns whether the frame has no bytes.
     *
     * @return true for an empty frame
     */
    public boolean isEmpty() {
        return data.length == 0;
    }

    /**
     * Returns the byte at {@code index}.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the byte
     */
    public byte byteAt(int index) {
        return data[index];
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return a new array
     */
    public byte[] toByteArray() {
        return data.length == 0 ? NO_BYTES : data.clone();
    }

    /**
     * Returns a read-only view of the bytes, without copying.
     *
     * @return a read-only buffer positioned at 0
     */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /**
     * Copies {@code length} bytes starting at {@code offset} into {@code target}.
     *
     * @param offset the first byte of this frame to copy
     * @param target the buffer to write into, at its position
     * @param length how many bytes to copy
     */
    public void copyTo(int offset, ByteBuffer target, int length) {
        target.put(data, offset, length);
    }

    /**
     * Decodes the bytes as UTF-8.
     *
     * @return the text
     */
    public String asString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /**
     * Returns whether this frame holds exactly the given bytes.
     *
     * @param bytes the bytes to compare with
     * @return true if equal
     */
    public boolean contentEquals(byte[] bytes) {
        return Arrays.equals(data, bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame && Arrays.equals(data, ((Frame) other).data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Frame[" + data.length + " bytes]";
    }
}
