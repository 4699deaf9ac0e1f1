package dev.meshmq.patterns.monitor;

import dev.meshmq.MonitorEvent;
import jdk.jfr.FlightRecorder;

/**
 * Turns a socket's connection monitor events into JFR events while a recording enables them: CONNECTED
 * and ACCEPTED become {@code dev.meshmq.Connect}, DISCONNECTED {@code dev.meshmq.Disconnect}, and the
 * HANDSHAKE_FAILED_* kinds {@code dev.meshmq.HandshakeFailure}. While no recording enables them,
 * {@link #enabled()} is false and the transport does not even build the monitor event.
 *
 * <p>Thread-safety: stateless; any thread.
 */
final class JfrConnectionEvents {

    private JfrConnectionEvents() {
    }

    /**
     * Returns whether a running recording wants any of the connection events. Until Flight Recorder is
     * initialised in this JVM (a recording was created, or {@code -XX:StartFlightRecording} given), the
     * answer is no without loading an event class, which would set up JFR's metadata (about a hundred
     * classes). After that it asks event instances, which do not escape and cost no allocation once
     * compiled.
     */
    static boolean enabled() {
        return FlightRecorder.isInitialized() && (new ConnectJfrEvent().isEnabled()
                || new DisconnectJfrEvent().isEnabled() || new HandshakeFailureJfrEvent().isEnabled());
    }

    /** Commits the JFR event for {@code event}, if it has one and a recording wants it. */
    static void record(String socketType, MonitorEvent event) {
        if (!FlightRecorder.isInitialized()) {
            return;
        }
        switch (event.type()) {
            case CONNECTED:
            case ACCEPTED:
                connect(socketType, event);
                break;
            case DISCONNECTED:
                disconnect(socketType, event);
                break;
            case HANDSHAKE_FAILED_NO_DETAIL:
            case HANDSHAKE_FAILED_PROTOCOL:
            case HANDSHAKE_FAILED_AUTH:
                handshakeFailure(socketType, event);
                break;
            default:
                break;
        }
    }

    private static void connect(String socketType, MonitorEvent event) {
        ConnectJfrEvent jfr = new ConnectJfrEvent();
        if (jfr.shouldCommit()) {
            jfr.socketType = socketType;
            jfr.endpoint = event.endpoint();
            jfr.kind = event.type().name();
            jfr.localAddress = event.localAddress();
            jfr.remoteAddress = event.remoteAddress();
            jfr.commit();
        }
    }

    private static void disconnect(String socketType, MonitorEvent event) {
        DisconnectJfrEvent jfr = new DisconnectJfrEvent();
        if (jfr.shouldCommit()) {
            jfr.socketType = socketType;
            jfr.endpoint = event.endpoint();
            jfr.remoteAddress = event.remoteAddress();
            jfr.detail = event.detail();
            jfr.commit();
        }
    }

    private static void handshakeFailure(String socketType, MonitorEvent event) {
        HandshakeFailureJfrEvent jfr = new HandshakeFailureJfrEvent();
        if (jfr.shouldCommit()) {
            jfr.socketType = socketType;
            jfr.endpoint = event.endpoint();
            jfr.kind = event.type().name();
            jfr.remoteAddress = event.remoteAddress();
            jfr.code = event.value();
            jfr.detail = event.detail();
            jfr.commit();
        }
    }
}
