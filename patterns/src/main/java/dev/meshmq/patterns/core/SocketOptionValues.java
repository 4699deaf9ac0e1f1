package dev.meshmq.patterns.core;

import dev.meshmq.SocketOption;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.transport.HeartbeatSettings;
import dev.meshmq.transport.ReconnectRules;
import dev.meshmq.transport.SecuritySettings;
import dev.meshmq.transport.TransportOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The option values of one socket, and the transport snapshot derived from them.
 *
 * <p>Thread-safety: safe for any thread; a set is visible to the next snapshot taken.
 */
public final class SocketOptionValues {

    private final SocketType type;
    private final Map<SocketOption<?>, Object> values = new ConcurrentHashMap<>();
    private volatile TransportOptions snapshot;

    SocketOptionValues(SocketType type) {
        this.type = type;
        this.snapshot = buildSnapshot();
    }

    <T> void set(SocketOption<T> option, T value) {
        if (!option.appliesTo(type)) {
            throw new IllegalArgumentException(option.name() + " does not apply to a " + type + " socket");
        }
        T checked = option.validate(value);
        Object stored = checked instanceof byte[] ? ((byte[]) checked).clone() : checked;
        synchronized (this) {
            values.put(option, stored);
            snapshot = buildSnapshot();
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
                get(SocketOptions.BACKLOG), get(SocketOptions.IPV6),
                type == SocketType.PUSH || type == SocketType.PULL || type == SocketType.PAIR
                        ? new byte[0] : get(SocketOptions.ROUTING_ID),
                heartbeat(), reconnectRules(), get(SocketOptions.CONFLATE), get(SocketOptions.MAX_HANDSHAKES),
                ConnectionOptions.settings(this), security());
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
