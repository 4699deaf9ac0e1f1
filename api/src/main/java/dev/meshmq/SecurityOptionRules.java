package dev.meshmq;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules of the security options of {@link SocketOptions}: keys (32 raw bytes or 40 bytes of Z85
 * text, stored as 32 bytes), short texts (at most 255 bytes of UTF-8) and handshake metadata.
 *
 * <p>Thread-safety: stateless.
 */
final class SecurityOptionRules {

    /** A CURVE key's length in bytes. */
    static final int KEY_SIZE = 32;
    /** A CURVE key's length as Z85 text. */
    static final int KEY_TEXT_SIZE = 40;
    private static final int MAX_SHORT_TEXT = 255;

    private SecurityOptionRules() {
    }

    static SocketOption<byte[]> key(String name) {
        return new SocketOption<>(name, byte[].class, null, SecurityOptionRules::keyProblem,
                EnumSet.allOf(SocketType.class), SecurityOptionRules::keyBytes);
    }

    static SocketOption<String> shortText(String name) {
        return new SocketOption<>(name, String.class, "", value ->
                value.getBytes(StandardCharsets.UTF_8).length > MAX_SHORT_TEXT
                        ? "has at most 255 bytes in UTF-8" : null);
    }

    /** Most METADATA properties: MeshMQ takes 1024 in a handshake; the rest is room for its own. */
    private static final int MAX_METADATA_PROPERTIES = 1000;

    @SuppressWarnings("unchecked")
    static SocketOption<Map<String, String>> metadata() {
        Class<Map<String, String>> type = (Class<Map<String, String>>) (Class<?>) Map.class;
        return new SocketOption<>("METADATA", type, Map.of(), SecurityOptionRules::metadataProblem,
                EnumSet.allOf(SocketType.class),
                value -> Collections.unmodifiableMap(new LinkedHashMap<>(value)));
    }

    private static String keyProblem(byte[] value) {
        if (value.length == KEY_SIZE) {
            return null;
        }
        if (value.length == KEY_TEXT_SIZE) {
            return z85Problem(value);
        }
        return "a key has 32 bytes, or 40 bytes of Z85 text";
    }

    private static String z85Problem(byte[] text) {
        try {
            Z85.decodeKey(new String(text, StandardCharsets.US_ASCII));
            return null;
        } catch (IllegalArgumentException e) {
            return "not Z85 text: " + e.getMessage();
        }
    }

    private static byte[] keyBytes(byte[] value) {
        return value.length == KEY_SIZE ? value.clone()
                : Z85.decodeKey(new String(value, StandardCharsets.US_ASCII));
    }

    private static String metadataProblem(Map<String, String> value) {
        if (value.size() > MAX_METADATA_PROPERTIES) {
            return "at most " + MAX_METADATA_PROPERTIES + " properties (a MeshMQ peer takes at most 1024 in a "
                    + "handshake, Socket-Type and Identity included): " + value.size();
        }
        for (Map.Entry<String, String> entry : value.entrySet()) {
            String name = entry.getKey();
            if (name == null || entry.getValue() == null) {
                return "names and values must not be null";
            }
            if (!name.regionMatches(true, 0, "X-", 0, 2) || name.length() < 3 || name.length() > MAX_SHORT_TEXT
                    || !name.chars().allMatch(SecurityOptionRules::isPropertyChar)) {
                return "a name starts with X- and has at most 255 characters from A-Z a-z 0-9 - _ . +: '"
                        + name + "'";
            }
        }
        return null;
    }

    private static boolean isPropertyChar(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '+';
    }
}
