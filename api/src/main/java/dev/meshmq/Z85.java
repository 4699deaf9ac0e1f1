package dev.meshmq;

import java.util.Arrays;
import java.util.Objects;

/**
 * Z85, ZeroMQ's printable encoding of binary data (RFC 32): every 4 bytes, read as a big-endian
 * unsigned number, become 5 characters of an 85-character alphabet. CURVE keys travel as 40 Z85
 * characters in configuration files and on command lines.
 *
 * <p>Thread-safety: stateless; every method may be called from any thread.
 */
public final class Z85 {

    private static final String ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static final char[] DIGITS = ALPHABET.toCharArray();
    private static final int RADIX = 85;
    private static final int KEY_BYTES = 32;
    private static final int KEY_CHARS = 40;
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < DIGITS.length; i++) {
            VALUES[DIGITS[i]] = (byte) i;
        }
    }

    private Z85() {
    }

    /**
     * Encodes bytes as Z85 text.
     *
     * @param data the bytes; their number must be a multiple of 4
     * @return the text, 5 characters for every 4 bytes
     * @throws IllegalArgumentException if the length is not a multiple of 4
     */
    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException(
                    "Z85 encodes a multiple of 4 bytes; " + data.length + " bytes is not one");
        }
        char[] text = new char[data.length / 4 * 5];
        int out = 0;
        for (int in = 0; in < data.length; in += 4) {
            long value = ((data[in] & 0xFFL) << 24) | ((data[in + 1] & 0xFFL) << 16)
                    | ((data[in + 2] & 0xFFL) << 8) | (data[in + 3] & 0xFFL);
            for (int digit = 4; digit >= 0; digit--) {
                text[out + digit] = DIGITS[(int) (value % RADIX)];
                value /= RADIX;
            }
            out += 5;
        }
        return new String(text);
    }

    /**
     * Decodes Z85 text.
     *
     * @param text the text; its length must be a multiple of 5 and it holds only Z85 characters
     * @return the bytes, 4 for every 5 characters
     * @throws IllegalArgumentException naming the problem and its position if the text is not Z85
     */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() % 5 != 0) {
            throw new IllegalArgumentException(
                    "Z85 text has a multiple of 5 characters; " + text.length() + " characters is not one");
        }
        byte[] data = new byte[text.length() / 5 * 4];
        int out = 0;
        for (int group = 0; group < text.length(); group += 5) {
            long value = 0;
            for (int i = group; i < group + 5; i++) {
                value = value * RADIX + digitAt(text, i);
            }
            if (value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("the Z85 group at position " + group + " ('"
                        + text.substring(group, group + 5) + "') is larger than 32 bits");
            }
            data[out] = (byte) (value >>> 24);
            data[out + 1] = (byte) (value >>> 16);
            data[out + 2] = (byte) (value >>> 8);
            data[out + 3] = (byte) value;
            out += 4;
        }
        return data;
    }

    /**
     * Decodes a CURVE key: 40 Z85 characters holding 32 bytes.
     *
     * @param text the key as text
     * @return the 32 bytes
     * @throws IllegalArgumentException if the text does not have 40 characters or is not Z85
     */
    public static byte[] decodeKey(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() != KEY_CHARS) {
            throw new IllegalArgumentException("a Z85 key has " + KEY_CHARS + " characters (" + KEY_BYTES
                    + " bytes); this one has " + text.length());
        }
        return decode(text);
    }

    private static int digitAt(String text, int position) {
        char c = text.charAt(position);
        int value = c < VALUES.length ? VALUES[c] : -1;
        if (value < 0) {
            throw new IllegalArgumentException("'" + printable(c) + "' at position " + position
                    + " is not a Z85 character");
        }
        return value;
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
