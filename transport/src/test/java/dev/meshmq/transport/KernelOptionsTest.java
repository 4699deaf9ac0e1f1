package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

/** The connection options land on the channel: read back with getOption after StreamChannels.configure. */
class KernelOptionsTest {

    @Test
    void keepaliveIdleIntervalCountAndTosLandOnATcpChannel() throws IOException {
        ConnectionSettings settings = ConnectionSettings.DEFAULTS.withKeepalive(true, 7, 3, 5).withBuffers(0, 0, 0x28);
        try (ServerSocketChannel server = listen(); SocketChannel client = SocketChannel.open()) {
            client.connect(server.getLocalAddress());
            StreamChannels.configure(client, true, settings);
            assertTrue(client.getOption(StandardSocketOptions.SO_KEEPALIVE));
            assertEquals(7, client.getOption(ExtendedSocketOptions.TCP_KEEPIDLE));
            assertEquals(3, client.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL));
            assertEquals(5, client.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT));
            assertEquals(0x28, client.getOption(StandardSocketOptions.IP_TOS));
            assertTrue(client.getOption(StandardSocketOptions.TCP_NODELAY));
        }
    }

    @Test
    void defaultsLeaveTheSystemValuesAlone() throws IOException {
        try (ServerSocketChannel server = listen(); SocketChannel plain = SocketChannel.open();
                SocketChannel configured = SocketChannel.open()) {
            plain.connect(server.getLocalAddress());
            configured.connect(server.getLocalAddress());
            StreamChannels.configure(configured, true, ConnectionSettings.DEFAULTS);
            assertFalse(configured.getOption(StandardSocketOptions.SO_KEEPALIVE));
            assertEquals(plain.getOption(ExtendedSocketOptions.TCP_KEEPIDLE),
                    configured.getOption(ExtendedSocketOptions.TCP_KEEPIDLE));
            assertEquals(plain.getOption(StandardSocketOptions.SO_SNDBUF),
                    configured.getOption(StandardSocketOptions.SO_SNDBUF));
            assertEquals(plain.getOption(StandardSocketOptions.IP_TOS),
                    configured.getOption(StandardSocketOptions.IP_TOS));
        }
    }

    @Test
    void keepaliveOffIgnoresTheProbeSettingsAsLibzmqDoes() throws IOException {
        try (ServerSocketChannel server = listen(); SocketChannel plain = SocketChannel.open();
                SocketChannel configured = SocketChannel.open()) {
            plain.connect(server.getLocalAddress());
            configured.connect(server.getLocalAddress());
            StreamChannels.configure(configured, true, ConnectionSettings.DEFAULTS.withKeepalive(false, 9, 9, 9));
            assertFalse(configured.getOption(StandardSocketOptions.SO_KEEPALIVE));
            assertEquals(plain.getOption(ExtendedSocketOptions.TCP_KEEPIDLE),
                    configured.getOption(ExtendedSocketOptions.TCP_KEEPIDLE));
        }
    }

    @Test
    void sendAndReceiveBuffersLandOnConnectedAndListeningChannels() throws IOException {
        int size = 48 * 1024; // below any system cap; Linux reports twice what was asked
        ConnectionSettings settings = ConnectionSettings.DEFAULTS.withBuffers(size, size, 0);
        try (ServerSocketChannel server = ServerSocketChannel.open(); SocketChannel client = SocketChannel.open()) {
            KernelOptions.applyBuffers(server, settings);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertBetween(size, server.getOption(StandardSocketOptions.SO_RCVBUF));
            client.connect(server.getLocalAddress());
            StreamChannels.configure(client, true, settings);
            assertBetween(size, client.getOption(StandardSocketOptions.SO_SNDBUF));
            assertBetween(size, client.getOption(StandardSocketOptions.SO_RCVBUF));
            try (SocketChannel accepted = server.accept()) {
                assertBetween(size, accepted.getOption(StandardSocketOptions.SO_RCVBUF));
            }
        }
    }

    private static void assertBetween(int asked, int actual) {
        assertTrue(actual >= asked && actual <= 2 * asked, "asked " + asked + ", the channel has " + actual);
    }

    private static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }
}
