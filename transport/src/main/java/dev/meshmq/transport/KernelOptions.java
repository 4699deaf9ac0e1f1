package dev.meshmq.transport;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;
import jdk.net.ExtendedSocketOptions;

/**
 * Puts the socket's kernel options on a channel: TCP_KEEPALIVE and its idle time, interval and
 * count (through {@link ExtendedSocketOptions}, which the JDK supports on Linux and macOS; where it
 * does not, a value other than the system's default fails the connection's set-up with an
 * {@link UnsupportedOperationException}, which the caller treats like any failed attempt), TOS, SNDBUF
 * and RCVBUF. A zero leaves the system's value, as libzmq's -1 does. SO_BINDTODEVICE has no JDK
 * option at all, so BINDTODEVICE is not offered.
 *
 * <p>Thread-safety: stateless.
 */
final class KernelOptions {

    private KernelOptions() {
    }

    /**
     * Applies keepalive and TOS to a tcp channel. libzmq sets the idle time, interval and count only
     * with keepalive on; so does this.
     *
     * @param channel a tcp channel
     * @param settings the socket's options
     * @throws IOException if the channel refuses a value
     */
    static void applyTcp(NetworkChannel channel, ConnectionSettings settings) throws IOException {
        if (settings.keepalive()) {
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            if (settings.keepaliveIdleSeconds() > 0) {
                channel.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, settings.keepaliveIdleSeconds());
            }
            if (settings.keepaliveIntervalSeconds() > 0) {
                channel.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, settings.keepaliveIntervalSeconds());
            }
            if (settings.keepaliveCount() > 0) {
                channel.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, settings.keepaliveCount());
            }
        }
        if (settings.typeOfService() > 0) {
            channel.setOption(StandardSocketOptions.IP_TOS, settings.typeOfService());
        }
    }

    /**
     * Applies SNDBUF and RCVBUF, if set.
     *
     * @param channel a tcp or ipc channel, or a listening one (whose accepted channels inherit RCVBUF,
     *     which must be set before listen for TCP window scaling to use it)
     * @param settings the socket's options
     * @throws IOException if the channel refuses a value
     */
    static void applyBuffers(NetworkChannel channel, ConnectionSettings settings) throws IOException {
        if (settings.sendBuffer() > 0 && channel.supportedOptions().contains(StandardSocketOptions.SO_SNDBUF)) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.sendBuffer());
        }
        if (settings.receiveBuffer() > 0) {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, settings.receiveBuffer());
        }
    }
}
