package dev.meshmq.transport;

import dev.meshmq.AuthenticationResult;
import dev.meshmq.transport.zmtp.ProtocolError;

/**
 * What came back from asking about a peer: the authenticator's (or ZAP handler's) verdict, or that
 * nobody could judge, or that the ZAP handler answered something that breaks RFC 27.
 *
 * <p>Thread-safety: immutable.
 *
 * @param result the verdict, or null
 * @param zapError why the ZAP reply was unusable, or null
 * @param detail words for the log and the monitor
 */
record Verdict(AuthenticationResult result, ProtocolError zapError, String detail) {

    static Verdict judged(AuthenticationResult result) {
        return new Verdict(result, null, result.statusText());
    }

    /** Neither an authenticator nor a ZAP handler is there. */
    static Verdict noJudge() {
        return new Verdict(null, null, "no authenticator and no ZAP handler at inproc://zeromq.zap.01");
    }

    static Verdict failed(ProtocolError error, String detail) {
        return new Verdict(null, error, detail);
    }

    boolean nobodyJudged() {
        return result == null && zapError == null;
    }
}
