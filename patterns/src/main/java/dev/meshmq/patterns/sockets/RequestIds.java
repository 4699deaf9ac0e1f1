package dev.meshmq.patterns.sockets;

/**
 * REQ_CORRELATE's request id frame: a 32-bit counter in little-endian byte order, which is what
 * libzmq puts on the wire on x86 (it writes the id in host byte order).
 *
 * <p>Thread-safety: stateless.
 */
final class RequestIds {

    private RequestIds() {
    }

    static byte[] encode(int id) {
        return new byte[] {(byte) id, (byte) (id >>> 8), (byte) (id >>> 16), (byte) (id >>> 24)};
    }
}
