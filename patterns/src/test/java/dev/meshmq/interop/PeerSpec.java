package dev.meshmq.interop;

import java.util.List;
import java.util.Objects;

/**
 * What an interop peer (libzmq through zmq_peer.py, or JeroMQ) is asked to do.
 *
 * @param type the ZeroMQ socket type name: PAIR, PUSH, PULL, REQ, REP, DEALER or ROUTER
 * @param bind true to bind {@code endpoint} (and report it in a {@code BOUND} line), false to connect
 * @param endpoint the endpoint; may have a wildcard port when binding
 * @param role what to do once attached
 * @param messages the messages in {@link PeerFormat} token form: sent by {@link PeerRole#SEND},
 *     expected (only their number matters to the peer) by {@link PeerRole#RECEIVE} and {@link PeerRole#ECHO}
 * @param routingId the peer's ROUTING_ID in hex, empty for none (libzmq peers only)
 */
record PeerSpec(String type, boolean bind, String endpoint, PeerRole role, List<String> messages, String routingId) {

    PeerSpec(String type, boolean bind, String endpoint, PeerRole role, List<String> messages) {
        this(type, bind, endpoint, role, messages, "");
    }


    PeerSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(role, "role");
        messages = List.copyOf(messages);
        Objects.requireNonNull(routingId, "routingId");
    }

    @Override
    public String toString() {
        return type + (bind ? " bind " : " connect ") + endpoint + " " + role.argument() + " x" + messages.size();
    }
}
