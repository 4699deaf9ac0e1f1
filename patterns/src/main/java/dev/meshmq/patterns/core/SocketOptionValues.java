package dev.meshmq.patterns.core;

import dev.meshmq.SecurityOptions;
import dev.meshmq.SocketOption;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.transport.HeartbeatSettings;
import dev.meshmq.transport.ReconnectRules;
import dev.meshmq.transport.SecuritySettings;
import dev.meshmq.transport.TransportOptions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The option values of one socket, and the transport snapshot derived from them.
 *
 * <p>Thread-safety: safe for any thread; a set is visible to the next snapshot taken.
 */
public final class SocketOptionValues {

    /**
     * The options the security settings are made of: only a set of one of these builds them again, since
     * building CURVE settings derives the public key from the secret key (an X25519 multiplication).
     */
    private static final Set<SocketOption<?>> SECURITY_OPTIONS = Set.of(SecurityOptions.CURVE_SERVER,
            SecurityOptions.PLAIN_SERVER, SecurityOptions.PLAIN_USERNAME, SecurityOptions.PLAIN_PASSWORD,
            SecurityOptions.CURVE_PUBLIC_KEY, SecurityOptions.CURVE_SECRET_KEY, SecurityOptions.CURVE_SERVER_KEY,
            SecurityOptions.ZAP_DOMAIN, SecurityOptions.ZAP_ENFORCE_DOMAIN, SecurityOptions.AUTHENTICATOR,
            SecurityOptions.METADATA);

    private final SocketType type;
    private final Map<SocketOption<?>, Object> values = new ConcurrentHashMap<>();
    /** Built from {@link #SECURITY_OPTIONS}; guarded by this. */
    private SecuritySettings security;
    private volatile TransportOptions snapshot;

    SocketOptionValues(SocketType type) {
        this.type = type;
        synchronized (this) {
            this.security = security();
            this.snapshot = buildSnapshot();
        }
    }

    /** The options whose set builds the security settings again (for a test that none is missing). */
    static Set<SocketOption<?>> securityOptions() {
        return SECURITY_OPTIONS;
    }

    <T> void set(SocketOption<T> option, T value) {
        if (!option.appliesTo(type)) {
            throw new IllegalArgumentException(option.name() + " does not apply to a " + type + " socket");
        }
        T checked = option.validate(value);
        Object stored = checked instanceof byte[] ? ((byte[]) checked).clone() : checked;
        synchronized (this) {
            Object previous = values.put(option, stored);
            try {
                if (SECURITY_OPTIONS.contains(option)) {
                    security = security();
                }
                snapshot = buildSnapshot();
            } catch (RuntimeException e) {
                // a value the settings refuse leaves the socket as it was
                if (previous == null) {
                    values.remove(option);
                } else {
                    values.put(option, previous);
                }
                throw e;
            }
        }
    }

    <T> T get(SocketOption<T> option) {
        Object value = values.get(option);
        T result = value == null ? option.defaultValue() : option.type().cast(value);
        return result instanceof byte[] ? option.type().cast(((byte[]) result).clone()) : result;
    }

    TransportOptions transportOptions() {
        return snapshot;
    }

    long lingerNanos() {
        return snapshot.lingerNanos();
    }

    private TransportOptions buildSnapshot() {
        return new TransportOptions(type, get(SocketOptions.SEND_HWM), get(SocketOptions.RECEIVE_HWM),
                lingerNanos(get(SocketOptions.LINGER)), reconnectIntervalNanos(),
                saturatedNanos(get(SocketOptions.RECONNECT_INTERVAL_MAX)),
                saturatedNanos(get(SocketOptions.HANDSHAKE_INTERVAL)), get(SocketOptions.MAX_MESSAGE_SIZE),
                get(SocketOptions.MAX_MESSAGE_PARTS), get(SocketOptions.BACKLOG), get(SocketOptions.IPV6),
                type == SocketType.PUSH || type == SocketType.PULL || type == SocketType.PAIR
                        ? new byte[0] : get(SocketOptions.ROUTING_ID),
                heartbeat(), reconnectRules(), get(SocketOptions.CONFLATE), get(SocketOptions.MAX_HANDSHAKES),
                ConnectionOptions.settings(this), security);
    }

    private SecuritySettings security() {
        return SecuritySettings.of(get(SocketOptions.CURVE_SERVER), get(SocketOptions.PLAIN_SERVER),
                new String[] {get(SocketOptions.PLAIN_USERNAME), get(SocketOptions.PLAIN_PASSWORD)},
                new byte[][] {get(SocketOptions.CURVE_PUBLIC_KEY), get(SocketOptions.CURVE_SECRET_KEY),
                    get(SocketOptions.CURVE_SERVER_KEY)},
                new SecuritySettings.Zap(get(SocketOptions.ZAP_DOMAIN), get(SocketOptions.ZAP_ENFORCE_DOMAIN),
                        get(SocketOptions.AUTHENTICATOR)),
                get(SocketOptions.METADATA));
    }

    /** RECONNECT_INTERVAL in nanoseconds; -1 (never reconnect) for any negative interval. */
    private long reconnectIntervalNanos() {
        java.time.Duration interval = get(SocketOptions.RECONNECT_INTERVAL);
        return interval.isNegative() ? -1 : saturatedNanos(interval);
    }

    private HeartbeatSettings heartbeat() {
        long interval = saturatedNanos(get(SocketOptions.HEARTBEAT_INTERVAL));
        int ttl = (int) (get(SocketOptions.HEARTBEAT_TTL).toMillis() / 100);
        return new HeartbeatSettings(interval, ttl, saturatedNanos(get(SocketOptions.HEARTBEAT_TIMEOUT)));
    }

    private ReconnectRules reconnectRules() {
        return new ReconnectRules(get(SocketOptions.RECONNECT_STOP_ON_REFUSED),
                get(SocketOptions.RECONNECT_STOP_ON_HANDSHAKE_FAILURE),
                get(SocketOptions.RECONNECT_STOP_AFTER_DISCONNECT), saturatedNanos(get(SocketOptions.CONNECT_TIMEOUT)));
    }

    /** LINGER in nanoseconds: a negative one (or one too long to ever end) lingers forever. */
    static long lingerNanos(java.time.Duration linger) {
        if (linger.isNegative()) {
            return TransportOptions.LINGER_FOREVER;
        }
        return Math.min(saturatedNanos(linger), TransportOptions.LINGER_FOREVER);
    }

    /** Returns the duration in nanoseconds, saturated at {@link Long#MAX_VALUE}. */
    public static long saturatedNanos(java.time.Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
