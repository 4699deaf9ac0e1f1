package dev.meshmq;

import java.time.Duration;

/**
 * The checks shared by the option catalogues ({@link SocketOptions}, {@link ConnectionOptions}): each
 * returns null for a good value, else what is wrong with it.
 *
 * <p>Thread-safety: stateless.
 */
final class OptionRules {

    private OptionRules() {
    }

    static String nonNegative(Integer value) {
        return value < 0 ? "must be 0 (no limit) or more" : null;
    }

    /** A limit: -1 for none, else at least 1. */
    static String minusOneOrPositive(Integer value) {
        return value < 1 && value != -1 ? "must be -1 (no limit) or at least 1" : null;
    }

    static String keepaliveSeconds(Duration value) {
        if (value.isZero()) {
            return null;
        }
        if (value.isNegative() || value.getNano() != 0 || value.getSeconds() > 32767) {
            return "must be zero (the system's) or whole seconds from 1 s to 32767 s";
        }
        return null;
    }

    static String nonNegative(Duration value) {
        return value.isNegative() ? "must not be negative" : null;
    }
}
