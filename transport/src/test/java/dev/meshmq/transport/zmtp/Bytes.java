package dev.meshmq.transport.zmtp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds byte arrays for the codec tests from readable pieces. */
final class Bytes {

    private Bytes() {
    }

    /**
     * Concatenates the parts: an Integer is one byte, a String its ASCII bytes, a byte[] itself.
     */
    static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof Integer) {
                out.write((Integer) part);
            } else if (part instanceof String) {
                out.writeBytes(((String) part).getBytes(StandardCharsets.US_ASCII));
            } else if (part instanceof byte[]) {
                out.writeBytes((byte[]) part);
            } else {
                throw new IllegalArgumentException("unsupported part " + part);
            }
        }
        return out.toByteArray();
    }

    /** Parses space-separated hex, e.g. "ff 00 7f". */
    static byte[] hex(String text) {
        String[] tokens = text.trim().split("\\s+");
        byte[] result = new byte[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            result[i] = (byte) Integer.parseInt(tokens[i], 16);
        }
        return result;
    }

    static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    static byte[] u64(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    static byte[] zeros(int count) {
        return new byte[count];
    }

    static String toHex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(String.format("%02x", b & 0xFF));
        }
        return text.toString();
    }
}
