package dev.meshmq.patterns.routing;

import dev.meshmq.Frame;
import java.nio.charset.StandardCharsets;

/**
 * Routing ids in error messages: printable ones as text, others in hex.
 *
 * <p>Thread-safety: stateless.
 */
public final class RoutingIds {

    private RoutingIds() {
    }

    /** Returns a routing id as text for messages: printable bytes as they are, others in hex. */
    public static String describe(Frame id) {
        byte[] bytes = id.toByteArray();
        boolean printable = bytes.length > 0;
        for (byte b : bytes) {
            printable &= b >= 0x20 && b < 0x7F;
        }
        if (printable) {
            return "'" + new String(bytes, StandardCharsets.US_ASCII) + "'";
        }
        StringBuilder hex = new StringBuilder("0x");
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }
}
