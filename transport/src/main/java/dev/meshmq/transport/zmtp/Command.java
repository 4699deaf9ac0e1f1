package dev.meshmq.transport.zmtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A ZMTP command (RFC 37 "Commands"): a name of 1-255 ASCII letters and the data after it. Parses
 * received command bodies, reads the data of the commands MeshMQ knows, and encodes whole command
 * frames to send.
 *
 * <p>Threading: immutable once parsed, safe to hand to another thread; the static encoders use only
 * their arguments.
 */
public final class Command {

    private static final byte[] NO_BYTES = new byte[0];
    private static final int MAX_NAME_SIZE = 255;
    private static final byte[] LIBZMQ_PLAIN_ERROR = {0x5E, 'R', 'R', 'O', 'R'};
    private static final int TTL_SIZE = 2;
    private static final int MAX_TTL = 0xFFFF;

    private final String name;
    private final byte[] data;

    private Command(String name, byte[] data) {
        this.name = name;
        this.data = data;
    }

    /**
     * Parses a command frame body: name-len(1), name, data.
     *
     * @param body the frame body; not kept, the data is copied
     * @return the command
     * @throws ZmtpProtocolException MALFORMED_COMMAND_UNSPECIFIED for an empty body, name-len 0, a name
     *         longer than the body or a name with other characters than ASCII letters
     */
    public static Command parse(byte[] body) throws ZmtpProtocolException {
        Objects.requireNonNull(body, "body");
        if (body.length == 0) {
            throw malformed("command frame is empty, it has no name-len");
        }
        if (isLibzmqPlainError(body)) {
            int reasonAt = LIBZMQ_PLAIN_ERROR.length;
            return new Command(ZmtpWire.COMMAND_ERROR, Arrays.copyOfRange(body, reasonAt, body.length));
        }
        int nameLength = body[0] & 0xFF;
        if (nameLength == 0) {
            throw malformed("command name-len is 0");
        }
        if (1 + nameLength > body.length) {
            throw malformed("command name-len " + nameLength + " does not fit the " + body.length + "-byte body");
        }
        for (int i = 1; i <= nameLength; i++) {
            int c = body[i] & 0xFF;
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                throw malformed(String.format("command name has non-letter byte 0x%02x at index %d", c, i - 1));
            }
        }
        String name = new String(body, 1, nameLength, StandardCharsets.US_ASCII);
        byte[] data = body.length == 1 + nameLength ? NO_BYTES : Arrays.copyOfRange(body, 1 + nameLength, body.length);
        return new Command(name, data);
    }

    /**
     * Returns whether {@code body} is the ERROR of a libzmq PLAIN server (4.3.4 and later): its C
     * literal "\x05ERROR" reads as the byte 0x5E followed by "RROR", so the name-len is 94 and the name
     * cut short. Read as ERROR, so its status code ("400") tells a refusal from a protocol error.
     */
    private static boolean isLibzmqPlainError(byte[] body) {
        return body.length > LIBZMQ_PLAIN_ERROR.length
                && Arrays.equals(body, 0, LIBZMQ_PLAIN_ERROR.length, LIBZMQ_PLAIN_ERROR, 0, LIBZMQ_PLAIN_ERROR.length)
                && 1 + (body[0] & 0xFF) > body.length;
    }

    /**
     * Returns the command name, e.g. "READY".
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns a copy of the bytes after the name.
     *
     * @return the data
     */
    public byte[] data() {
        return data.length == 0 ? NO_BYTES : data.clone();
    }

    /**
     * Reads the metadata of a READY command: properties of name-len(1) name value-len(4, big-endian) value.
     *
     * @return the properties by case-insensitive name, in a map ordered case-insensitively
     * @throws ZmtpProtocolException MALFORMED_COMMAND_READY when a property is cut short or has name-len 0;
     *         INVALID_METADATA for a name with a character outside A-Z a-z 0-9 - _ . + or a repeated name
     * @throws IllegalStateException if this is not a READY command
     */
    public Map<String, byte[]> readyProperties() throws ZmtpProtocolException {
        requireName(ZmtpWire.COMMAND_READY);
        return PropertyCodec.decode(ByteBuffer.wrap(data), "READY", ProtocolError.MALFORMED_COMMAND_READY);
    }

    /**
     * Reads the time-to-live of a PING command.
     *
     * @return the TTL in deciseconds, 0 to 65535 (0: none)
     * @throws ZmtpProtocolException MALFORMED_COMMAND_UNSPECIFIED if the data is shorter than 2 bytes
     * @throws IllegalStateException if this is not a PING command
     */
    public int pingTtlDeciseconds() throws ZmtpProtocolException {
        checkPing();
        return (data[0] & 0xFF) << 8 | data[1] & 0xFF;
    }

    /**
     * Reads the context of a PING command, which the PONG must echo. RFC 37 allows at most 16 bytes; a
     * longer context is cut to its first 16, as libzmq does, rather than failing the connection.
     *
     * @return the context, 0-16 bytes
     * @throws ZmtpProtocolException MALFORMED_COMMAND_UNSPECIFIED as for {@link #pingTtlDeciseconds()}
     * @throws IllegalStateException if this is not a PING command
     */
    public byte[] pingContext() throws ZmtpProtocolException {
        checkPing();
        return Arrays.copyOfRange(data, TTL_SIZE, Math.min(data.length, TTL_SIZE + ZmtpWire.MAX_PING_CONTEXT));
    }

    /**
     * Reads the context of a PONG command: all its data, of any length (nothing is checked).
     *
     * @return the context
     * @throws IllegalStateException if this is not a PONG command
     */
    public byte[] pongContext() {
        requireName(ZmtpWire.COMMAND_PONG);
        return data();
    }

    /**
     * Reads the topic of a SUBSCRIBE or CANCEL command: all its data.
     *
     * @return the topic, possibly empty (matches everything)
     * @throws IllegalStateException if this is neither SUBSCRIBE nor CANCEL
     */
    public byte[] topic() {
        if (!name.equals(ZmtpWire.COMMAND_SUBSCRIBE) && !name.equals(ZmtpWire.COMMAND_CANCEL)) {
            throw new IllegalStateException("a " + name + " command has no topic");
        }
        return data();
    }

    /**
     * Reads the reason of an ERROR command: reason-len(1) reason.
     *
     * @return the reason, decoded as ISO-8859-1 so no byte is lost
     * @throws ZmtpProtocolException MALFORMED_COMMAND_ERROR if the data is empty or reason-len does not
     *         match the remaining bytes
     * @throws IllegalStateException if this is not an ERROR command
     */
    public String errorReason() throws ZmtpProtocolException {
        requireName(ZmtpWire.COMMAND_ERROR);
        if (data.length == 0) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_ERROR, "ERROR command has no reason-len");
        }
        int length = data[0] & 0xFF;
        if (length != data.length - 1) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_ERROR,
                    "ERROR reason-len " + length + " but " + (data.length - 1) + " reason bytes follow");
        }
        return new String(data, 1, length, StandardCharsets.ISO_8859_1);
    }

    /**
     * Encodes a READY command frame with the given metadata, in the map's iteration order.
     *
     * @param properties property names (1-255 characters of A-Z a-z 0-9 - _ . +) and values
     * @return the whole frame: flags, size, body
     * @throws IllegalArgumentException for an illegal property name
     */
    public static byte[] encodeReady(Map<String, byte[]> properties) {
        return encode(ZmtpWire.COMMAND_READY, PropertyCodec.encode(properties));
    }

    /**
     * Encodes a PING command frame.
     *
     * @param ttlDeciseconds time-to-live, 0 to 65535 deciseconds
     * @param context 0-16 bytes the PONG will echo
     * @return the whole frame
     * @throws IllegalArgumentException if the TTL or the context length is out of range
     */
    public static byte[] encodePing(int ttlDeciseconds, byte[] context) {
        if (ttlDeciseconds < 0 || ttlDeciseconds > MAX_TTL) {
            throw new IllegalArgumentException("PING ttl must be 0-65535 deciseconds: " + ttlDeciseconds);
        }
        checkContext(context);
        byte[] pingData = new byte[TTL_SIZE + context.length];
        pingData[0] = (byte) (ttlDeciseconds >>> 8);
        pingData[1] = (byte) ttlDeciseconds;
        System.arraycopy(context, 0, pingData, TTL_SIZE, context.length);
        return encode(ZmtpWire.COMMAND_PING, pingData);
    }

    /**
     * Encodes a PONG command frame.
     *
     * @param context the PING's context, 0-16 bytes
     * @return the whole frame
     * @throws IllegalArgumentException if the context is longer than 16 bytes
     */
    public static byte[] encodePong(byte[] context) {
        checkContext(context);
        return encode(ZmtpWire.COMMAND_PONG, context);
    }

    /**
     * Encodes a SUBSCRIBE command frame (ZMTP 3.1 peers only).
     *
     * @param topic the prefix to subscribe to
     * @return the whole frame
     */
    public static byte[] encodeSubscribe(byte[] topic) {
        return encode(ZmtpWire.COMMAND_SUBSCRIBE, topic);
    }

    /**
     * Encodes a CANCEL command frame (ZMTP 3.1 peers only).
     *
     * @param topic the prefix to unsubscribe from
     * @return the whole frame
     */
    public static byte[] encodeCancel(byte[] topic) {
        return encode(ZmtpWire.COMMAND_CANCEL, topic);
    }

    /**
     * Encodes an ERROR command frame.
     *
     * @param reason 0-255 characters, encoded as ISO-8859-1
     * @return the whole frame
     * @throws IllegalArgumentException if the reason is longer than 255 characters
     */
    public static byte[] encodeError(String reason) {
        byte[] text = reason.getBytes(StandardCharsets.ISO_8859_1);
        if (text.length > MAX_NAME_SIZE) {
            throw new IllegalArgumentException("ERROR reason is longer than 255 bytes: " + text.length);
        }
        byte[] errorData = new byte[1 + text.length];
        errorData[0] = (byte) text.length;
        System.arraycopy(text, 0, errorData, 1, text.length);
        return encode(ZmtpWire.COMMAND_ERROR, errorData);
    }

    /**
     * Encodes a whole command frame: flags, short or long size, name-len, name, data.
     *
     * @param commandName 1-255 ASCII letters
     * @param commandData the bytes after the name
     * @return the frame
     */
    public static byte[] encode(String commandName, byte[] commandData) {
        Objects.requireNonNull(commandData, "data");
        byte[] nameBytes = commandName.getBytes(StandardCharsets.US_ASCII);
        long bodySize = 1L + nameBytes.length + commandData.length;
        boolean longForm = bodySize > ZmtpWire.MAX_SHORT_SIZE;
        int headerSize = longForm ? 9 : 2;
        if (bodySize + headerSize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("command too large: " + bodySize + " bytes");
        }
        ByteBuffer frame = ByteBuffer.allocate(headerSize + (int) bodySize);
        if (longForm) {
            frame.put((byte) (ZmtpWire.FLAG_COMMAND | ZmtpWire.FLAG_LONG)).putLong(bodySize);
        } else {
            frame.put((byte) ZmtpWire.FLAG_COMMAND).put((byte) bodySize);
        }
        frame.put((byte) nameBytes.length).put(nameBytes).put(commandData);
        return frame.array();
    }

    private static void checkContext(byte[] context) {
        if (context.length > ZmtpWire.MAX_PING_CONTEXT) {
            throw new IllegalArgumentException("PING/PONG context is longer than 16 bytes: " + context.length);
        }
    }

    private void checkPing() throws ZmtpProtocolException {
        requireName(ZmtpWire.COMMAND_PING);
        if (data.length < TTL_SIZE) {
            throw malformed("PING has " + data.length + " data bytes, needs at least the 2-byte ttl");
        }
    }

    private void requireName(String expected) {
        if (!name.equals(expected)) {
            throw new IllegalStateException("not a " + expected + " command: " + name);
        }
    }

    private static ZmtpProtocolException malformed(String message) {
        return new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, message);
    }

    @Override
    public String toString() {
        return "Command[" + name + ", " + data.length + " data bytes]";
    }
}
