package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StreamChannelsTest {

    @Test
    void ipcChannelsGetLargeBuffersAndTcpChannelsNoDelay() throws IOException {
        Path socketFile = Files.createTempDirectory("meshmq-channels").resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketFile));
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                StreamChannels.configure(client, false);
                // Linux caps a requested buffer at net.core.wmem_max / rmem_max (and reports double)
                int send = Math.min(StreamChannels.IPC_BUFFER_BYTES, systemLimit("wmem_max"));
                int receive = Math.min(StreamChannels.IPC_BUFFER_BYTES, systemLimit("rmem_max"));
                assertTrue(client.getOption(StandardSocketOptions.SO_SNDBUF) >= send,
                        "send buffer " + client.getOption(StandardSocketOptions.SO_SNDBUF));
                assertTrue(client.getOption(StandardSocketOptions.SO_RCVBUF) >= receive,
                        "receive buffer " + client.getOption(StandardSocketOptions.SO_RCVBUF));
            }
        } finally {
            Files.deleteIfExists(socketFile);
            Files.deleteIfExists(socketFile.getParent());
        }
        try (SocketChannel tcp = SocketChannel.open()) {
            StreamChannels.configure(tcp, true);
            assertTrue(tcp.getOption(StandardSocketOptions.TCP_NODELAY));
        }
    }

    private static int systemLimit(String name) throws IOException {
        Path file = Path.of("/proc/sys/net/core", name);
        return Files.exists(file) ? Integer.parseInt(Files.readString(file).trim()) : Integer.MAX_VALUE;
    }
}
