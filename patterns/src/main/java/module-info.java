/**
 * MeshMQ's socket patterns and context: the implementation behind {@code dev.meshmq.Context.create()}.
 */
module dev.meshmq.patterns {
    requires transitive dev.meshmq;
    requires dev.meshmq.transport;
    // JFR events (dev.meshmq.Connect, Disconnect, HandshakeFailure, DropBurst): the monitor package.
    requires jdk.jfr;

    provides dev.meshmq.spi.ContextProvider with dev.meshmq.patterns.MeshContextProvider;
}
