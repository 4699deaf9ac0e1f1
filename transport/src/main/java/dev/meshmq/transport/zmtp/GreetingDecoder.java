package dev.meshmq.transport.zmtp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a peer's 64-byte ZMTP greeting incrementally, failing as soon as the bytes received so far
 * show the peer is not a ZMTP 3.x peer. It never consumes a byte past the greeting: what follows
 * is frames and stays in the buffer.
 *
 * <p>Checks: byte 0 is 0xFF, bit 0 of byte 9 is set (else ZMTP 1.0), major version at least 3 (we
 * do not speak 1.0/2.0), the mechanism is 1-20 characters of A-Z 0-9 - _ . + followed only by NULs.
 * The padding (bytes 1-8), the as-server byte and the filler are never checked. Comparing the
 * mechanism with our own is the caller's job.
 *
 * <p>Threading: single-threaded, owned by one I/O thread at a time. After it has thrown it must be
 * discarded.
 */
public final class GreetingDecoder {

    private final byte[] bytes = new byte[ZmtpWire.GREETING_SIZE];
    private int received;
    private Greeting greeting;
    private boolean failed;

    /**
     * Consumes the greeting bytes still missing from {@code in}, and no more.
     *
     * @param in bytes from the peer; left positioned after the consumed bytes
     * @return the greeting once all 64 bytes have arrived (again on later calls), else null
     * @throws ZmtpProtocolException BAD_GREETING or UNSUPPORTED_VERSION as soon as the bytes show it
     * @throws IllegalStateException if an earlier call threw
     */
    public Greeting decode(ByteBuffer in) throws ZmtpProtocolException {
        if (failed) {
            throw new IllegalStateException("greeting decoder failed earlier; close the connection");
        }
        if (greeting != null) {
            return greeting;
        }
        int count = Math.min(ZmtpWire.GREETING_SIZE - received, in.remaining());
        in.get(bytes, received, count);
        int from = received;
        received += count;
        try {
            for (int offset = from; offset < received; offset++) {
                check(offset);
            }
        } catch (ZmtpProtocolException e) {
            failed = true;
            throw e;
        }
        if (received == ZmtpWire.GREETING_SIZE) {
            greeting = new Greeting(bytes[ZmtpWire.VERSION_MAJOR_OFFSET] & 0xFF,
                    bytes[ZmtpWire.VERSION_MINOR_OFFSET] & 0xFF, mechanism(),
                    bytes[ZmtpWire.AS_SERVER_OFFSET] != 0);
        }
        return greeting;
    }

    /**
     * Returns how many greeting bytes have been consumed so far.
     *
     * @return 0 to 64
     */
    public int bytesReceived() {
        return received;
    }

    private void check(int offset) throws ZmtpProtocolException {
        int value = bytes[offset] & 0xFF;
        if (offset == 0 && value != (ZmtpWire.SIGNATURE_START & 0xFF)) {
            throw new ZmtpProtocolException(ProtocolError.BAD_GREETING,
                    String.format("greeting starts with 0x%02x, not 0xff: not a ZMTP 3.x peer", value));
        }
        if (offset == ZmtpWire.SIGNATURE_END_OFFSET && (value & 0x01) == 0) {
            throw new ZmtpProtocolException(ProtocolError.BAD_GREETING,
                    String.format("greeting byte 9 is 0x%02x with bit 0 clear: a ZMTP 1.0 peer", value));
        }
        if (offset == ZmtpWire.VERSION_MAJOR_OFFSET && value < ZmtpWire.VERSION_MAJOR) {
            throw new ZmtpProtocolException(ProtocolError.UNSUPPORTED_VERSION,
                    "peer speaks ZMTP major version " + value + ", only 3 and later are supported");
        }
        if (offset >= ZmtpWire.MECHANISM_OFFSET && offset < ZmtpWire.MECHANISM_OFFSET + ZmtpWire.MECHANISM_SIZE) {
            checkMechanismByte(offset, value);
        }
    }

    private void checkMechanismByte(int offset, int value) throws ZmtpProtocolException {
        int index = offset - ZmtpWire.MECHANISM_OFFSET;
        boolean padding = index > 0 && bytes[offset - 1] == 0;
        if (padding && value != 0) {
            throw new ZmtpProtocolException(ProtocolError.BAD_GREETING,
                    String.format("greeting mechanism has byte 0x%02x after its NUL padding, at offset %d",
                            value, offset));
        }
        if (index == 0 && value == 0) {
            throw new ZmtpProtocolException(ProtocolError.BAD_GREETING, "greeting mechanism is empty");
        }
        if (!padding && value != 0 && !Greeting.isMechanismChar(value)) {
            throw new ZmtpProtocolException(ProtocolError.BAD_GREETING,
                    String.format("greeting mechanism has illegal byte 0x%02x at offset %d (allowed: A-Z 0-9 - _ . +)",
                            value, offset));
        }
    }

    private String mechanism() {
        int length = 0;
        while (length < ZmtpWire.MECHANISM_SIZE && bytes[ZmtpWire.MECHANISM_OFFSET + length] != 0) {
            length++;
        }
        return new String(bytes, ZmtpWire.MECHANISM_OFFSET, length, StandardCharsets.US_ASCII);
    }
}
