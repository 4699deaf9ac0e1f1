package dev.meshmq.transport.zmtp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The ZMTP metadata encoding (RFC 37, "Metadata"), shared by READY, PLAIN's INITIATE, CURVE's
 * INITIATE and READY boxes, and ZAP replies: properties of name-len(1) name value-len(4, big-endian)
 * value.
 *
 * <p>Thread-safety: stateless.
 */
public final class PropertyCodec {

    /**
     * Most properties one block may carry. A peer's metadata is kept for its connection's life, and a block
     * of up to 1 MiB of 7-byte properties would cost about 16 times its size in heap; libzmq has no limit,
     * but no real peer sends more than a few dozen.
     */
    public static final int MAX_PROPERTIES = 1024;

    private static final int MAX_NAME_SIZE = 255;
    private static final int VALUE_LENGTH_SIZE = 4;

    private PropertyCodec() {
    }

    /**
     * Encodes properties in the map's iteration order.
     *
     * @param properties names (1-255 characters of A-Z a-z 0-9 - _ . +) and values
     * @return the encoded properties
     * @throws IllegalArgumentException for an illegal property name
     */
    public static byte[] encode(Map<String, byte[]> properties) {
        ByteArrayOutputStream metadata = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> property : properties.entrySet()) {
            byte[] nameBytes = property.getKey().getBytes(StandardCharsets.US_ASCII);
            if (nameBytes.length == 0 || nameBytes.length > MAX_NAME_SIZE || !isPropertyName(property.getKey())) {
                throw new IllegalArgumentException("illegal property name '" + property.getKey() + "'");
            }
            byte[] value = Objects.requireNonNull(property.getValue(), "value");
            metadata.write(nameBytes.length);
            metadata.writeBytes(nameBytes);
            metadata.writeBytes(ByteBuffer.allocate(VALUE_LENGTH_SIZE).putInt(value.length).array());
            metadata.writeBytes(value);
        }
        return metadata.toByteArray();
    }

    /**
     * Decodes properties.
     *
     * @param in the encoded properties, from its position to its limit
     * @param where what carries them, for messages ("READY", "INITIATE"...)
     * @param malformed the error a cut-short property is reported with
     * @return the properties by case-insensitive name, in a map ordered case-insensitively
     * @throws ZmtpProtocolException {@code malformed} when a property is cut short or has name-len 0;
     *         INVALID_METADATA for a name with a character outside A-Z a-z 0-9 - _ . +, a repeated name, or
     *         more than {@link #MAX_PROPERTIES} properties
     */
    public static Map<String, byte[]> decode(ByteBuffer in, String where, ProtocolError malformed)
            throws ZmtpProtocolException {
        Map<String, byte[]> properties = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        while (in.hasRemaining()) {
            if (properties.size() == MAX_PROPERTIES) {
                throw new ZmtpProtocolException(ProtocolError.INVALID_METADATA,
                        where + " carries more than " + MAX_PROPERTIES + " properties");
            }
            int nameLength = in.get() & 0xFF;
            if (nameLength == 0) {
                throw new ZmtpProtocolException(malformed,
                        where + " property at offset " + (in.position() - 1) + " has name-len 0");
            }
            if (in.remaining() < nameLength) {
                throw new ZmtpProtocolException(malformed, where + " property name-len " + nameLength
                        + " but only " + in.remaining() + " bytes left");
            }
            byte[] nameBytes = new byte[nameLength];
            in.get(nameBytes);
            String propertyName = propertyName(nameBytes, where);
            if (in.remaining() < VALUE_LENGTH_SIZE) {
                throw new ZmtpProtocolException(malformed, where + " property '" + propertyName
                        + "' has a truncated value-len: " + in.remaining() + " of 4 bytes");
            }
            long valueLength = in.getInt() & 0xFFFFFFFFL;
            if (valueLength > in.remaining()) {
                throw new ZmtpProtocolException(malformed, where + " property '" + propertyName + "' claims a "
                        + valueLength + "-byte value but only " + in.remaining() + " bytes left");
            }
            byte[] value = new byte[(int) valueLength];
            in.get(value);
            if (properties.put(propertyName, value) != null) {
                throw new ZmtpProtocolException(ProtocolError.INVALID_METADATA,
                        where + " property '" + propertyName + "' appears twice");
            }
        }
        return properties;
    }

    private static boolean isPropertyName(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isPropertyChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPropertyChar(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '+';
    }

    private static String propertyName(byte[] nameBytes, String where) throws ZmtpProtocolException {
        for (int i = 0; i < nameBytes.length; i++) {
            int c = nameBytes[i] & 0xFF;
            if (!isPropertyChar(c)) {
                throw new ZmtpProtocolException(ProtocolError.INVALID_METADATA,
                        String.format("%s property name has illegal byte 0x%02x at index %d", where, c, i));
            }
        }
        return new String(nameBytes, StandardCharsets.US_ASCII);
    }
}
