package dev.meshmq.transport;

/**
 * The ZMTP 3.1 heartbeat of one connection (RFC 37): sends PING every interval, closes the
 * connection when nothing at all arrives within the timeout after a PING, and honours the TTL a
 * peer announces in its PINGs even when this socket sends none. Traffic is noted once per read,
 * not per frame, and the timers check at expiry whether anything arrived since they were armed,
 * so a busy connection costs one clock read per read call.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class Heartbeat {

    private final IoThread io;
    private final HeartbeatSettings settings;
    private final StreamEngine engine;
    private long lastInputNanos;
    private Timer pingTimer;
    private Timer timeoutTimer;
    private long timeoutArmedNanos;
    private Timer ttlTimer;
    private long ttlArmedNanos;

    Heartbeat(IoThread io, HeartbeatSettings settings, StreamEngine engine) {
        this.io = io;
        this.settings = settings;
        this.engine = engine;
    }

    /** The handshake completed: start sending PINGs if configured. */
    void start() {
        lastInputNanos = io.clock().nanoTime();
        if (settings.intervalNanos() > 0) {
            pingTimer = io.schedule(settings.intervalNanos(), this::ping);
        }
    }

    /** Something arrived from the peer. */
    void onInput() {
        lastInputNanos = io.clock().nanoTime();
    }

    private void ping() {
        engine.sendPing(settings.ttlDeciseconds());
        if (timeoutTimer == null) {
            long timeout = settings.timeoutNanos() > 0 ? settings.timeoutNanos() : settings.intervalNanos();
            timeoutArmedNanos = io.clock().nanoTime();
            timeoutTimer = io.schedule(timeout, this::onTimeout);
        }
        pingTimer = io.schedule(settings.intervalNanos(), this::ping);
    }

    private void onTimeout() {
        timeoutTimer = null;
        if (lastInputNanos - timeoutArmedNanos < 0) {
            engine.close("heartbeat timeout: nothing from the peer within "
                    + (io.clock().nanoTime() - timeoutArmedNanos) / 1_000_000 + " ms of a PING");
        }
    }

    /**
     * The peer sent a PING announcing {@code ttlDeciseconds}: if nothing at all arrives for that long,
     * close the connection.
     */
    void onPeerPing(int ttlDeciseconds) {
        if (ttlDeciseconds > 0 && ttlTimer == null) {
            ttlArmedNanos = io.clock().nanoTime();
            ttlTimer = io.schedule(ttlDeciseconds * 100_000_000L, this::onTtlExpired);
        }
    }

    private void onTtlExpired() {
        ttlTimer = null;
        if (lastInputNanos - ttlArmedNanos <= 0) {
            engine.close("the peer's heartbeat TTL expired: nothing from it since its last PING");
        }
    }

    /** The connection closed: cancel every timer. */
    void stop() {
        for (Timer timer : new Timer[] {pingTimer, timeoutTimer, ttlTimer}) {
            if (timer != null) {
                timer.cancel();
            }
        }
        pingTimer = null;
        timeoutTimer = null;
        ttlTimer = null;
    }
}
