package dev.meshmq.interop;

import java.util.List;
import java.util.Objects;

/**
 * What an interop peer (libzmq through zmq_peer.py, or JeroMQ) is asked to do.
 *
 * @param type the ZeroMQ socket type name: PAIR, PUSH, PULL, REQ, REP, DEALER, ROUTER, PUB, SUB, XPUB or
 *     XSUB
 * @param bind true to bind {@code endpoint} (and report it in a {@code BOUND} line), false to connect
 * @param endpoint the endpoint; may have a wildcard port when binding
 * @param role what to do once attached
 * @param messages the messages in {@link PeerFormat} token form: sent by {@link PeerRole#SEND},
 *     expected (only their number matters to the peer) by {@link PeerRole#RECEIVE} and {@link PeerRole#ECHO}
 * @param routingId the peer's ROUTING_ID in hex, empty for none (libzmq peers only)
 * @param topic the topic {@link PeerRole#SUBSCRIBE} subscribes to (UTF-8), ignored by the other roles
 */
record PeerSpec(String type, boolean bind, String endpoint, PeerRole role, List<String> messages, String routingId,
        String topic) {

    PeerSpec(String type, boolean bind, String endpoint, PeerRole role, List<String> messages) {
        this(type, bind, endpoint, role, messages, "", "");
    }

    PeerSpec(String type, boolean bind, String endpoint, PeerRole role, List<String> messages, String routingId) {
        this(type, bind, endpoint, role, messages, routingId, "");
    }


    PeerSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(topic, "topic");
        messages = List.copyOf(messages);
        Objects.requireNonNull(routingId, "routingId");
    }

    /** Whether the peer sends the messages (rather than receiving as many). */
    boolean sends() {
        return role == PeerRole.SEND || role == PeerRole.PUBLISH || role == PeerRole.REQUEST;
    }

    @Override
    public String toString() {
        return type + (bind ? " bind " : " connect ") + endpoint + " " + role.argument() + " x" + messages.size();
    }
}
