package dev.meshmq.patterns.monitor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code dev.meshmq.Disconnect}: a connection of a MeshMQ socket ended (the DISCONNECTED
 * monitor event). Recorded by {@link JfrConnectionEvents}.
 *
 * <p>Thread-safety: one instance per commit, on the reporting thread.
 */
@Name("dev.meshmq.Disconnect")
@Label("MeshMQ Disconnect")
@Category("MeshMQ")
@Description("A connection of a MeshMQ socket ended")
@StackTrace(false)
final class DisconnectJfrEvent extends jdk.jfr.Event {

    @Label("Socket Type")
    String socketType;

    @Label("Endpoint")
    String endpoint;

    @Label("Remote Address")
    String remoteAddress;

    @Label("Reason")
    String detail;
}
