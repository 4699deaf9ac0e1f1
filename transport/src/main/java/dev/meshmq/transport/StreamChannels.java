package dev.meshmq.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The socket settings every stream connection gets, whichever side opened it.
 *
 * <p>tcp: no Nagle delay (messages are batched by the engine already). ipc: send and receive
 * buffers of {@value #IPC_BUFFER_BYTES} bytes instead of the system default (208 KiB on Linux),
 * which left a Unix domain socket slower than tcp over loopback, whose buffers the kernel grows on
 * its own: measured on 2026-11-21, PUSH->PULL over ipc between two processes went from 10.4-14.4 M
 * to 14.5-17.9 M 64-byte msg/s, and from 5.1 to 5.7 GB/s with 64 KiB messages. The kernel holds
 * that memory only while data waits in the buffer.
 *
 * <p>Also: closing a channel without losing what it still holds for the peer, and changing a key's
 * interest set only when it changes.
 *
 * <p>Thread-safety: stateless.
 */
final class StreamChannels {

    static final int IPC_BUFFER_BYTES = 1 << 20;

    private static final System.Logger LOG = SafeLogger.of(StreamChannels.class);
    private static final int DRAIN_READS_AT_CLOSE = 16;
    private static final int DRAIN_BUFFER_BYTES = 4096;

    private StreamChannels() {
    }

    /**
     * Applies the fixed settings, with no socket options of its own, to a channel.
     *
     * @param channel the channel
     * @param tcp true for tcp, false for ipc
     * @throws IOException if the channel refuses a setting
     */
    static void configure(SocketChannel channel, boolean tcp) throws IOException {
        configure(channel, tcp, ConnectionSettings.DEFAULTS);
    }

    /**
     * Applies the settings to a connected or connecting channel: the fixed ones above, then the
     * socket's own (SNDBUF and RCVBUF override the ipc sizes; keepalive and TOS are tcp only).
     *
     * @param channel the channel
     * @param tcp true for tcp, false for ipc
     * @param settings the socket's options
     * @throws IOException if the channel refuses a setting
     */
    static void configure(SocketChannel channel, boolean tcp, ConnectionSettings settings) throws IOException {
        if (tcp) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            KernelOptions.applyTcp(channel, settings);
        } else {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, IPC_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, IPC_BUFFER_BYTES);
        }
        KernelOptions.applyBuffers(channel, settings);
    }

    /**
     * Closes a connection's channel so that what the kernel still holds for the peer reaches it: a
     * socket closed with unread input is reset instead (Linux sends RST and drops its send buffer),
     * which would lose messages already written, silently. So what the peer sent and nobody will read
     * (a PONG, say) is read and dropped first, a bounded amount. I/O thread only.
     *
     * @param channel the channel, non-blocking
     * @param remote the peer's address, for the log
     */
    static void closeGracefully(SocketChannel channel, String remote) {
        try {
            ByteBuffer sink = ByteBuffer.allocate(DRAIN_BUFFER_BYTES);
            for (int i = 0; i < DRAIN_READS_AT_CLOSE && channel.isOpen() && channel.read(sink.clear()) > 0; i++) {
                continue;
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "draining {0} before close failed: {1}", remote, e.toString());
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing " + remote + " failed", e);
        }
    }

    /**
     * Turns one interest of a key on or off, touching the key only if that changes something.
     *
     * @param key the key, or null before registration (then nothing happens)
     * @param operation a SelectionKey.OP_* bit
     * @param wanted on or off
     */
    static void setInterest(SelectionKey key, int operation, boolean wanted) {
        if (key == null || !key.isValid()) {
            return;
        }
        // atomic: an application thread taking or giving back the watch of reads (DirectReceive) races the
        // I/O thread asking for writes
        try {
            if (wanted) {
                key.interestOpsOr(operation);
            } else {
                key.interestOpsAnd(~operation);
            }
        } catch (CancelledKeyException | ClosedSelectorException e) {
            // the connection or its I/O thread is ending
        }
    }

    /**
     * Returns the peer's address as ZAP requests carry it: the IP address without port for tcp, "" for
     * other channels or when it cannot be read.
     *
     * @param channel the connected channel
     * @return the address text
     */
    static String peerHost(java.nio.channels.SocketChannel channel) {
        try {
            java.net.SocketAddress remote = channel.getRemoteAddress();
            return remote instanceof java.net.InetSocketAddress inet && inet.getAddress() != null
                    ? inet.getAddress().getHostAddress() : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
