package dev.meshmq;

/**
 * Decides whether a peer may complete its handshake with a socket that authenticates (a PLAIN or
 * CURVE server, or a NULL socket with a ZAP domain), in the manner of ZeroMQ's ZAP (RFC 27) but as a
 * plain Java call.
 *
 * <p>Set one on a socket with {@code SocketOptions.AUTHENTICATOR}. A socket without one asks a ZAP
 * handler bound at {@code inproc://zeromq.zap.01} in its context, if there is one, so handlers written
 * for libzmq work too.
 *
 * <p>Thread-safety: MeshMQ calls {@link #authenticate} from its own authentication thread, never from
 * an I/O thread, one call at a time per context; an implementation may block briefly (reading a file,
 * for example) without holding up other connections' traffic.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * Judges one peer's handshake.
     *
     * @param request who the peer is and what credentials it presented
     * @return allow (with a User-Id and properties) or deny (with a ZAP status code)
     */
    AuthenticationResult authenticate(AuthenticationRequest request);
}
