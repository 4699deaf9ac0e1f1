package dev.meshmq;

import java.util.Objects;

/**
 * One connection event of a monitored socket.
 *
 * <p>Thread-safety: immutable (the routing id array is never changed after construction; the
 * accessor returns it without copying, so callers must not change it either).
 *
 * @param type what happened
 * @param endpoint the endpoint it happened on, as the socket knows it
 * @param localAddress the local address of the connection or listener, empty if none
 * @param remoteAddress the peer's address, empty if none
 * @param peerRoutingId the peer's routing id (its ZMTP Identity), empty if unknown or none
 * @param value the event's number: see {@link MonitorEventType} (a wait in ms, an error code, a
 *     connection number)
 * @param detail a human-readable reason, empty if none
 */
public record MonitorEvent(MonitorEventType type, String endpoint, String localAddress, String remoteAddress,
        byte[] peerRoutingId, long value, String detail) {

    /**
     * Checks the parts.
     *
     * @param type as described for the record component
     * @param endpoint as described for the record component
     * @param localAddress as described for the record component
     * @param remoteAddress as described for the record component
     * @param peerRoutingId as described for the record component
     * @param value as described for the record component
     * @param detail as described for the record component
     */
    public MonitorEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(peerRoutingId, "peerRoutingId");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return type + " " + endpoint + (remoteAddress.isEmpty() ? "" : " peer " + remoteAddress)
                + (value == 0 ? "" : " value " + value) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
