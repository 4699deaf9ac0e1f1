package dev.meshmq.bench;

import java.util.Locale;

/**
 * The socket pairs a mixed soak round can use. In every pair the bound side is {@link SoakPair#bound} and
 * the connecting side (the one that reconnects after a fault) is {@link SoakPair#connecting}; messages
 * flow from the connecting side to the bound one except for PUB/SUB (the PUB binds) and REQ/REP (both
 * ways: each request is echoed).
 *
 * <p>Thread-safety: immutable.
 */
enum SoakPattern {
    PUSH_PULL,
    DEALER_ROUTER,
    REQ_REP,
    PUB_SUB,
    CLIENT_SERVER;

    /**
     * Tells whether the pattern promises every message arrives when no connection dies: true for all but
     * PUB/SUB, whose promise is that every message is either delivered or counted as dropped.
     *
     * @return true for the lossless pairs
     */
    boolean lossless() {
        return this != PUB_SUB;
    }

    /**
     * Returns the lower-case name with a slash, as printed.
     *
     * @return e.g. {@code push/pull}
     */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '/');
    }
}
