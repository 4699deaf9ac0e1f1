package dev.meshmq.patterns.monitor;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event {@code dev.meshmq.DropBurst}: messages a MeshMQ socket dropped, coalesced by
 * {@link DropBursts} into at most one event per peer (or per socket, where the pattern does not say
 * which peer) and reason every 100 ms. Its duration runs from the first drop it counts to the last.
 *
 * <p>Thread-safety: one instance per commit, on the socket's caller thread.
 */
@Name("dev.meshmq.DropBurst")
@Label("MeshMQ Drop Burst")
@Category("MeshMQ")
@Description("Messages a MeshMQ socket dropped since the previous event for the same peer and reason")
@StackTrace(false)
final class DropBurstJfrEvent extends jdk.jfr.Event {

    @Label("Socket Type")
    String socketType;

    @Label("Endpoint")
    @Description("The peer's endpoint; empty when the socket does not know which peer")
    String endpoint;

    @Label("Remote Address")
    String remoteAddress;

    @Label("Reason")
    @Description("hwm: the peer's queue was full; unroutable: no peer matched")
    String reason;

    @Label("Dropped")
    long dropped;
}
