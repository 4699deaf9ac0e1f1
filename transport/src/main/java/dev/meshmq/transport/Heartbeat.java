package dev.meshmq.transport;

import dev.meshmq.transport.zmtp.Command;

/**
 * The ZMTP 3.1 heartbeat of one connection (RFC 37): sends PING every interval, closes the
 * connection when nothing at all arrives within the timeout after a PING, and honours the TTL a
 * peer announces in its PINGs even when this socket sends none. Traffic is noted once per read,
 * not per frame, and the timers check at expiry whether anything arrived since they were armed,
 * so a busy connection costs one clock read per read call.
 *
 * <p>A connection whose reads are paused because this side's socket is slow is not a dead peer: its
 * traffic waits unread in the kernel, so neither timeout counts while input is paused, and a ZMTP 3.1
 * peer that has been sending PINGs is sent an unasked PONG at the pace of its PINGs, so that its own
 * timeout sees this side alive, only slow.
 *
 * <p>Its timers run guarded by the engine: anything they throw closes that connection only.
 *
 * <p>Thread-safety: owned by the connection's I/O thread, except {@link #onInput}, which an application thread
 * reading the channel directly calls too.
 */
final class Heartbeat {

    /** The shortest pace of unasked PONGs, so a peer pinging very fast costs little. */
    private static final long MIN_KEEPALIVE_NANOS = 10_000_000L;
    private static final byte[] NO_BYTES = new byte[0];

    /** The pace of unasked PONGs when the peer's own pace is not known yet (one PING seen, no TTL). */
    private static final long DEFAULT_KEEPALIVE_NANOS = 100_000_000L;

    private final IoThread io;
    private final HeartbeatSettings settings;
    private final StreamEngine engine;
    private final Runnable pingTask;
    private final Runnable timeoutTask;
    private final Runnable ttlTask;
    private final Runnable keepaliveTask;
    /** Written by an application thread too when it reads the channel directly ({@link DirectReceive}). */
    private volatile long lastInputNanos;
    private Timer pingTimer;
    private Timer timeoutTimer;
    private long timeoutArmedNanos;
    private Timer ttlTimer;
    private long ttlArmedNanos;
    private long lastPeerPingNanos;
    private long peerPingIntervalNanos;
    private int peerTtlDeciseconds;
    private Timer keepaliveTimer;
    private boolean peerKnowsHeartbeats;

    Heartbeat(IoThread io, HeartbeatSettings settings, StreamEngine engine) {
        this.io = io;
        this.settings = settings;
        this.engine = engine;
        this.pingTask = engine.guarded(this::ping);
        this.timeoutTask = engine.guarded(this::onTimeout);
        this.ttlTask = engine.guarded(this::onTtlExpired);
        this.keepaliveTask = engine.guarded(this::keepalive);
    }

    /**
     * The handshake completed: start sending PINGs if configured.
     *
     * @param peerKnowsHeartbeats whether the peer speaks ZMTP 3.1 or later, so PING and PONG mean
     *     something to it
     */
    void start(boolean peerKnowsHeartbeats) {
        this.peerKnowsHeartbeats = peerKnowsHeartbeats;
        lastInputNanos = io.clock().nanoTime();
        if (settings.intervalNanos() > 0) {
            pingTimer = io.schedule(settings.intervalNanos(), pingTask);
        }
    }

    /** Something arrived from the peer. */
    void onInput() {
        lastInputNanos = io.clock().nanoTime();
    }

    private void ping() {
        engine.sendHeartbeat(Command.encodePing(settings.ttlDeciseconds(), NO_BYTES), false);
        if (timeoutTimer == null) {
            long timeout = settings.timeoutNanos() > 0 ? settings.timeoutNanos() : settings.intervalNanos();
            timeoutArmedNanos = io.clock().nanoTime();
            timeoutTimer = io.schedule(timeout, timeoutTask);
        }
        pingTimer = io.schedule(settings.intervalNanos(), pingTask);
    }

    private void onTimeout() {
        timeoutTimer = null;
        if (engine.isInputPaused()) {
            onInput();
            return;
        }
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
        long now = io.clock().nanoTime();
        if (lastPeerPingNanos != 0) {
            peerPingIntervalNanos = now - lastPeerPingNanos;
        }
        lastPeerPingNanos = now;
        peerTtlDeciseconds = ttlDeciseconds;
        if (ttlDeciseconds > 0 && ttlTimer == null) {
            ttlArmedNanos = io.clock().nanoTime();
            ttlTimer = io.schedule(ttlDeciseconds * 100_000_000L, ttlTask);
        }
    }

    private void onTtlExpired() {
        ttlTimer = null;
        if (engine.isInputPaused()) {
            onInput();
            return;
        }
        if (lastInputNanos - ttlArmedNanos <= 0) {
            engine.close("the peer's heartbeat TTL expired: nothing from it since its last PING");
        }
    }

    /**
     * Reads stopped because the socket is slow: a peer that has been sending PINGs gets a PONG now and
     * then, unasked, since its PINGs cannot be read now. Nothing is sent to a peer that never sent a
     * PING: it does not judge this side by heartbeats, and a write to a peer that has meanwhile closed
     * its end is answered with a reset, which would drop the unread input still held by the kernel.
     */
    void onInputPaused() {
        if (keepaliveTimer == null && lastPeerPingNanos != 0 && peerKnowsHeartbeats) {
            keepaliveTimer = io.schedule(keepalivePaceNanos(), keepaliveTask);
        }
    }

    /** Reads go on: what is in the kernel now is the peer's latest news. */
    void onInputResumed() {
        onInput();
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel();
            keepaliveTimer = null;
        }
    }

    /** Half the peer's PING interval, or a third of its TTL if that is all there is, else a default pace. */
    private long keepalivePaceNanos() {
        long pace = peerPingIntervalNanos / 2;
        if (pace <= 0 && peerTtlDeciseconds > 0) {
            pace = peerTtlDeciseconds * 100_000_000L / 3;
        }
        if (pace <= 0) {
            pace = DEFAULT_KEEPALIVE_NANOS;
        }
        return Math.max(MIN_KEEPALIVE_NANOS, pace);
    }

    private void keepalive() {
        keepaliveTimer = null;
        if (engine.isInputPaused()) {
            engine.sendHeartbeat(Command.encodePong(NO_BYTES), true);
            keepaliveTimer = io.schedule(keepalivePaceNanos(), keepaliveTask);
        }
    }

    /** The connection closed: cancel every timer. */
    void stop() {
        for (Timer timer : new Timer[] {pingTimer, timeoutTimer, ttlTimer, keepaliveTimer}) {
            if (timer != null) {
                timer.cancel();
            }
        }
        pingTimer = null;
        timeoutTimer = null;
        ttlTimer = null;
        keepaliveTimer = null;
    }
}
