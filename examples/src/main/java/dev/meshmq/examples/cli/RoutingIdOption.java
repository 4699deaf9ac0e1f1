package dev.meshmq.examples.cli;

import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.examples.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import picocli.CommandLine.Option;

/**
 * The {@code --routing-id} option of {@code send} and {@code recv} (a picocli mixin): the routing id
 * the socket announces to its peers, so that a ROUTER elsewhere can address it by name. Applied
 * before any bind or connect.
 *
 * <p>Thread-safety: one use per instance.
 */
final class RoutingIdOption {

    @Option(names = "--routing-id", paramLabel = "ID",
            description = "The socket's own routing id (UTF-8 text; --hex: hex), which a ROUTER peer uses to address"
                    + " it. REQ, REP, DEALER and ROUTER.")
    private String routingId;

    /**
     * Sets the routing id on {@code socket}, if one was given.
     *
     * @param socket a socket not yet bound or connected
     * @param hex whether the id is written in hex
     * @throws UsageException if the socket type has no routing id or the id is not valid
     */
    void apply(Socket socket, boolean hex) {
        if (routingId == null) {
            return;
        }
        if (!SocketOptions.ROUTING_ID.appliesTo(socket.type())) {
            throw new UsageException("--routing-id is for REQ, REP, DEALER and ROUTER sockets, not " + socket.type());
        }
        try {
            byte[] id = hex ? HexFormat.of().parseHex(routingId) : routingId.getBytes(StandardCharsets.UTF_8);
            socket.set(SocketOptions.ROUTING_ID, id);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--routing-id " + routingId + ": " + e.getMessage());
        }
    }
}
