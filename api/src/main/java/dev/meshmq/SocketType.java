package dev.meshmq;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The socket types MeshMQ implements, with their ZMTP names and the peer types each may talk to
 * (ZMTP 3.1, RFC 37, section "The Socket-Type property").
 *
 * <p>Thread-safety: immutable.
 */
public enum SocketType {
    /** Exclusive pair. */
    PAIR,
    /** Publisher. */
    PUB,
    /** Subscriber. */
    SUB,
    /** Requester. */
    REQ,
    /** Replier. */
    REP,
    /** Asynchronous requester. */
    DEALER,
    /** Asynchronous replier that routes by peer id. */
    ROUTER,
    /** Pipeline consumer. */
    PULL,
    /** Pipeline producer. */
    PUSH,
    /** Publisher that sees subscriptions. */
    XPUB,
    /** Subscriber that sends subscriptions as messages. */
    XSUB,
    /** Thread-safe requester (draft in libzmq). */
    CLIENT,
    /** Thread-safe replier routing by connection id (draft in libzmq). */
    SERVER,
    /** Raw TCP: each peer is a plain TCP (or ipc) connection, addressed by a routing id; no ZMTP. */
    STREAM,
    /** Thread-safe pipeline producer: round-robin, single-frame (draft in libzmq). */
    SCATTER,
    /** Thread-safe pipeline consumer: fair-queued, single-frame (draft in libzmq). */
    GATHER,
    /** Thread-safe peer-to-peer socket routing by connection id, both binding and connecting (draft in libzmq). */
    PEER,
    /** Thread-safe exclusive pair, single-frame (draft in libzmq). */
    CHANNEL,
    /** Thread-safe group publisher: single-frame messages to the DISH peers that joined their group (draft). */
    RADIO,
    /** Thread-safe group subscriber: joins groups, receives their messages (draft in libzmq). */
    DISH;

    /**
     * Returns whether sockets of this type may be used by several threads at once (CLIENT, SERVER and
     * libzmq's other draft types); the classic types have one owner at a time.
     *
     * @return true for the thread-safe types
     */
    public boolean isThreadSafe() {
        return this == CLIENT || this == SERVER || this == SCATTER || this == GATHER || this == PEER
                || this == CHANNEL || this == RADIO || this == DISH;
    }

    /**
     * Returns the name sent in the ZMTP {@code Socket-Type} property.
     *
     * @return the upper-case ZMTP name
     */
    public String zmtpName() {
        return name();
    }

    /**
     * Returns whether a socket of this type may talk to a peer of {@code peer} type.
     *
     * @param peer the type the remote side announced
     * @return true if the pair is legal
     */
    public boolean isCompatibleWith(SocketType peer) {
        return legalPeers().contains(peer);
    }

    /**
     * Returns the peer types this type may talk to.
     *
     * @return an unmodifiable set
     */
    public Set<SocketType> legalPeers() {
        switch (this) {
            case PAIR:
                return EnumSet.of(PAIR);
            case PUB:
            case XPUB:
                return EnumSet.of(SUB, XSUB);
            case SUB:
            case XSUB:
                return EnumSet.of(PUB, XPUB);
            case REQ:
                return EnumSet.of(REP, ROUTER);
            case REP:
                return EnumSet.of(REQ, DEALER);
            case DEALER:
                return EnumSet.of(REP, DEALER, ROUTER);
            case ROUTER:
                return EnumSet.of(REQ, DEALER, ROUTER);
            case PULL:
                return EnumSet.of(PUSH);
            case PUSH:
                return EnumSet.of(PULL);
            case CLIENT:
                return EnumSet.of(SERVER);
            case SERVER:
                return EnumSet.of(CLIENT);
            case STREAM:
                return EnumSet.noneOf(SocketType.class);
            case SCATTER:
                return EnumSet.of(GATHER);
            case GATHER:
                return EnumSet.of(SCATTER);
            case PEER:
                return EnumSet.of(PEER);
            case CHANNEL:
                return EnumSet.of(CHANNEL);
            case RADIO:
                return EnumSet.of(DISH);
            case DISH:
                return EnumSet.of(RADIO);
            default:
                throw new IllegalStateException("no peer table for " + this);
        }
    }

    /**
     * Looks a type up by its ZMTP name, ignoring case.
     *
     * @param zmtpName the name from a {@code Socket-Type} property
     * @return the type, or empty if MeshMQ does not know it
     */
    public static Optional<SocketType> fromZmtpName(String zmtpName) {
        String upper = zmtpName.toUpperCase(Locale.ROOT);
        for (SocketType type : values()) {
            if (type.name().equals(upper)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
