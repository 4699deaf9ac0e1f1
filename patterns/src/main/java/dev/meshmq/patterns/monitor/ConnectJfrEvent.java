package dev.meshmq.patterns.monitor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code dev.meshmq.Connect}: a connection of a MeshMQ socket was made (the CONNECTED or
 * ACCEPTED monitor event). Recorded by {@link JfrConnectionEvents}.
 *
 * <p>Thread-safety: one instance per commit, on the reporting thread.
 */
@Name("dev.meshmq.Connect")
@Label("MeshMQ Connect")
@Category("MeshMQ")
@Description("A connection of a MeshMQ socket was made")
@StackTrace(false)
final class ConnectJfrEvent extends jdk.jfr.Event {

    @Label("Socket Type")
    String socketType;

    @Label("Endpoint")
    String endpoint;

    @Label("Kind")
    @Description("CONNECTED (connect side) or ACCEPTED (bind side)")
    String kind;

    @Label("Local Address")
    String localAddress;

    @Label("Remote Address")
    String remoteAddress;
}
