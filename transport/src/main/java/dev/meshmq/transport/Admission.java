package dev.meshmq.transport;

import dev.meshmq.AuthenticationResult;
import dev.meshmq.MonitorEventType;
import dev.meshmq.transport.zmtp.Command;

/**
 * What a verdict means for the handshake that asked, the same for every mechanism and as libzmq 4.3.4
 * does it: an allowed peer goes on; a denied one is sent ERROR with the ZAP status code as its reason
 * ("400", "500"; a "300", temporary, is closed without ERROR) and reported as HANDSHAKE_FAILED_AUTH
 * with that code; a ZAP reply that breaks RFC 27 is a HANDSHAKE_FAILED_PROTOCOL with its ZAP error
 * code. When nobody can judge, a PLAIN server (which libzmq never runs without a handler) and any
 * socket with ZAP_ENFORCE_DOMAIN close the connection (HANDSHAKE_FAILED_NO_DETAIL, EFAULT as libzmq
 * reports it); NULL and CURVE let the peer in.
 *
 * <p>Thread-safety: stateless.
 */
final class Admission {

    /** The errno libzmq reports when a handshake needs ZAP and no handler is bound. */
    static final int EFAULT = 14;

    private Admission() {
    }

    /**
     * Applies a verdict.
     *
     * @param verdict the verdict
     * @param judgeRequired whether the mechanism cannot go on without a judge (PLAIN)
     * @param security the socket's security settings
     * @param sink where an ERROR goes
     * @return the allowed peer's result (User-Id and properties); an empty allow when nobody judged
     * @throws HandshakeRefusedException if the peer may not go on
     */
    static AuthenticationResult admit(Verdict verdict, boolean judgeRequired, SecuritySettings security,
            Mechanism.Sink sink) throws HandshakeRefusedException {
        if (verdict.zapError() != null) {
            throw new HandshakeRefusedException(MonitorEventType.HANDSHAKE_FAILED_PROTOCOL,
                    verdict.zapError().code(), "bad ZAP reply: " + verdict.detail());
        }
        if (verdict.nobodyJudged()) {
            if (judgeRequired || security.zapEnforceDomain()) {
                throw new HandshakeRefusedException(MonitorEventType.HANDSHAKE_FAILED_NO_DETAIL, EFAULT,
                        verdict.detail());
            }
            return AuthenticationResult.allow("");
        }
        AuthenticationResult result = verdict.result();
        if (result.allowed()) {
            return result;
        }
        if (result.statusCode() != AuthenticationResult.TEMPORARY_ERROR) {
            sink.send(Command.encodeError(Integer.toString(result.statusCode())));
        }
        throw new HandshakeRefusedException(MonitorEventType.HANDSHAKE_FAILED_AUTH, result.statusCode(),
                "authentication denied (" + result.statusCode() + "): " + result.statusText());
    }
}
