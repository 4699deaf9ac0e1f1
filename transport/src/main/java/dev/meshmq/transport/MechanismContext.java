package dev.meshmq.transport;

import dev.meshmq.AuthenticationRequest;
import java.util.function.Consumer;

/**
 * What a mechanism knows of its connection: the local socket's settings, its side, the peer's address,
 * and where to send a request for authentication (the verdict comes back through
 * {@link Mechanism#onVerdict}, on the connection's I/O thread).
 *
 * <p>Thread-safety: immutable.
 *
 * @param options the local socket's settings
 * @param connecting true on the side that connected
 * @param remoteAddress the peer's address as text, for events and the peer's description
 * @param peerHost the peer's address as ZAP wants it: an IP address without port for tcp, else ""
 * @param authentication where authentication requests go; never blocks
 * @param cookies the context's CURVE cookie keys
 */
record MechanismContext(TransportOptions options, boolean connecting, String remoteAddress, String peerHost,
        Consumer<AuthenticationRequest> authentication, CurveCookieJar cookies) {

    SecuritySettings security() {
        return options.security();
    }
}
