package dev.meshmq.patterns.monitor;

import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PairSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Sends monitor events in libzmq's two-frame format to a PAIR socket bound at an inproc endpoint,
 * for code written against libzmq's zmq_socket_monitor. The PAIR socket belongs to the monitor
 * thread that calls {@link #accept}; it is closed after MONITOR_STOPPED.
 *
 * <p>Thread-safety: the monitor thread only.
 */
final class PairMonitorSink implements Consumer<MonitorEvent> {

    private final PairSocket pair;

    PairMonitorSink(PairSocket pair) {
        this.pair = pair;
    }

    @Override
    public void accept(MonitorEvent event) {
        byte[] head = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) event.type().libzmqId()).putInt((int) event.value()).array();
        pair.trySend(Message.of(Frame.wrap(head), Frame.of(event.endpoint())));
        if (event.type() == MonitorEventType.MONITOR_STOPPED) {
            pair.close();
        }
    }
}
