package dev.meshmq.transport;

import dev.meshmq.IncompatibleSocketException;
import dev.meshmq.InvalidEndpointException;
import dev.meshmq.MonitorEventType;
import dev.meshmq.SocketType;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Binding and connecting {@code udp://} endpoints, as libzmq does: only a DISH binds one (it receives)
 * and only a RADIO connects one (it sends); every other socket type is refused with an
 * {@link IncompatibleSocketException}. The channels are opened and configured on the calling thread, so
 * a bad address or a port in use reaches the caller; then an I/O thread runs them.
 *
 * <p>Thread-safety: stateless.
 */
final class UdpEndpoints {

    private UdpEndpoints() {
    }

    static Binding bind(IoThread io, Endpoint endpoint, String text, LinkHost host, ActivityCounter activity) {
        TransportOptions options = host.transportOptions();
        requireType(options.socketType(), SocketType.DISH, text, "binds");
        UdpAddress address = UdpAddress.parse(text, endpoint.address());
        UdpAddress.Receiving receiving = address.resolveForBind(text);
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            if (receiving.group() != null) {
                // several receivers of one group on one host share the port, as with libzmq; a unicast port
                // is not shared (libzmq sets SO_REUSEADDR there too, so a second bind silently splits the
                // datagrams between the two): binding it twice is an AddressInUseException
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            if (options.connection().receiveBuffer() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.connection().receiveBuffer());
            }
            channel.bind(receiving.bindAddress());
            if (receiving.group() != null) {
                channel.join(receiving.group(), receiving.networkInterface());
            }
            channel.configureBlocking(false);
            String resolved = address.format(((InetSocketAddress) channel.getLocalAddress()).getPort());
            UdpReceiver receiver = new UdpReceiver(io, channel, resolved, host, activity);
            receiver.start();
            new ConnectionEvents(host, resolved).emit(MonitorEventType.LISTENING, channel, "", new byte[0], 0, "");
            return new Binding() {
                @Override
                public String resolvedEndpoint() {
                    return resolved;
                }

                @Override
                public void close(long lingerNanos) {
                    receiver.close();
                }
            };
        } catch (BindException e) {
            close(channel);
            new ConnectionEvents(host, text).emit(MonitorEventType.BIND_FAILED, 0, e.toString());
            throw BindFailures.classify(text, endpoint, e);
        } catch (IOException | UnsupportedOperationException e) {
            close(channel);
            new ConnectionEvents(host, text).emit(MonitorEventType.BIND_FAILED, 0, e.toString());
            throw new InvalidEndpointException("cannot bind " + text + ": " + e, e);
        }
    }

    static PeerLink connect(IoThread io, Endpoint endpoint, String text, LinkHost host, ActivityCounter activity) {
        TransportOptions options = host.transportOptions();
        requireType(options.socketType(), SocketType.RADIO, text, "connects");
        UdpAddress.Sending sending = UdpAddress.parse(text, endpoint.address()).resolveForConnect(text);
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            ConnectionSettings settings = options.connection();
            if (settings.sendBuffer() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, settings.sendBuffer());
            }
            if (settings.typeOfService() > 0) {
                channel.setOption(StandardSocketOptions.IP_TOS, settings.typeOfService());
            }
            if (sending.target().getAddress().isMulticastAddress()) {
                channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, settings.multicastHops());
                channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, settings.multicastLoop());
                if (sending.networkInterface() != null) {
                    channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, sending.networkInterface());
                }
            }
            channel.configureBlocking(false);
            UdpSender sender = new UdpSender(io, channel, sending.target(), text, host, activity);
            sender.start();
            new ConnectionEvents(host, text).emit(MonitorEventType.CONNECTED, channel, sending.target().toString(),
                    new byte[0], 0, "");
            return sender.link();
        } catch (IOException e) {
            close(channel);
            throw new InvalidEndpointException("cannot open a udp channel for " + text + ": " + e, e);
        }
    }

    private static void requireType(SocketType actual, SocketType required, String text, String verb) {
        if (actual != required) {
            throw new IncompatibleSocketException("a " + actual + " socket cannot use " + text + ": udp:// is for"
                    + " RADIO and DISH only, and a " + required + " " + verb + " it (as in libzmq)");
        }
    }

    private static void close(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more can be done about a channel that failed
            }
        }
    }
}
