package dev.meshmq.transport;

import dev.meshmq.MonitorEventType;

/**
 * The peer refused the handshake (it sent ERROR): how to report it. Not an error of this side's code,
 * so it carries no stack trace.
 *
 * <p>Thread-safety: immutable.
 */
final class HandshakeRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient MonitorEventType event;
    private final int code;

    /**
     * Creates the refusal.
     *
     * @param event HANDSHAKE_FAILED_AUTH or HANDSHAKE_FAILED_PROTOCOL
     * @param code the event's value: the ZAP status code, or libzmq's protocol error code
     * @param reason what the peer said, for the event's detail and the log
     */
    HandshakeRefusedException(MonitorEventType event, int code, String reason) {
        super(reason, null, false, false);
        this.event = event;
        this.code = code;
    }

    MonitorEventType event() {
        return event;
    }

    int code() {
        return code;
    }
}
