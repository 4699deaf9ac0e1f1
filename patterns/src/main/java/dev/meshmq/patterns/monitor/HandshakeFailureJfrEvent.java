package dev.meshmq.patterns.monitor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code dev.meshmq.HandshakeFailure}: a ZMTP handshake failed (a HANDSHAKE_FAILED_* monitor
 * event). Recorded by {@link JfrConnectionEvents}.
 *
 * <p>Thread-safety: one instance per commit, on the reporting thread.
 */
@Name("dev.meshmq.HandshakeFailure")
@Label("MeshMQ Handshake Failure")
@Category("MeshMQ")
@Description("A ZMTP handshake of a MeshMQ socket failed")
@StackTrace(false)
final class HandshakeFailureJfrEvent extends jdk.jfr.Event {

    @Label("Socket Type")
    String socketType;

    @Label("Endpoint")
    String endpoint;

    @Label("Kind")
    @Description("HANDSHAKE_FAILED_PROTOCOL, HANDSHAKE_FAILED_AUTH or HANDSHAKE_FAILED_NO_DETAIL")
    String kind;

    @Label("Remote Address")
    String remoteAddress;

    @Label("Error Code")
    long code;

    @Label("Reason")
    String detail;
}
