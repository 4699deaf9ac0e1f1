package dev.meshmq.transport;

import dev.meshmq.AddressInUseException;
import dev.meshmq.InvalidEndpointException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The path of an {@code ipc://} endpoint, a Unix domain socket file. {@code ipc://*} binds a fresh
 * file in the temporary directory. The abstract namespace ({@code ipc://@name}) is not available
 * through the JDK and is rejected with a clear error.
 *
 * <p>Thread-safety: immutable.
 *
 * @param path the socket file
 */
public record IpcAddress(Path path) {

    /** The longest path the kernel accepts in a Unix socket address, in bytes. */
    public static final int MAX_PATH_BYTES = 107;

    /**
     * Parses the part after {@code ipc://}.
     *
     * @param endpoint the whole endpoint, for error messages
     * @param address the path, or {@code *}
     * @return the address
     */
    public static IpcAddress parse(String endpoint, String address) {
        if (address.startsWith("@")) {
            throw new InvalidEndpointException("invalid endpoint '" + endpoint
                    + "': abstract ipc names (ipc://@name) are not supported by the JDK; use a file path");
        }
        String text = "*".equals(address)
                ? Path.of(System.getProperty("java.io.tmpdir"), "meshmq-" + UUID.randomUUID() + ".sock").toString()
                : address;
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new InvalidEndpointException("invalid endpoint '" + endpoint + "': the ipc path is "
                    + text.getBytes(StandardCharsets.UTF_8).length + " bytes long; Unix sockets allow at most "
                    + MAX_PATH_BYTES);
        }
        try {
            return new IpcAddress(Path.of(text));
        } catch (InvalidPathException e) {
            throw new InvalidEndpointException("invalid endpoint '" + endpoint + "': " + e.getMessage(), e);
        }
    }

    /**
     * Returns the socket address.
     *
     * @return the Unix domain address
     */
    public UnixDomainSocketAddress socketAddress() {
        return UnixDomainSocketAddress.of(path);
    }

    /**
     * Removes a socket file left by a process that died, so that a bind can proceed. A file that a
     * live listener answers on is left alone and reported as in use.
     *
     * @param endpoint the whole endpoint, for error messages
     * @throws AddressInUseException if a live process listens there
     */
    public void removeStaleSocketFile(String endpoint) {
        if (!Files.exists(path)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(socketAddress());
            throw new AddressInUseException("address already in use: " + endpoint + " (a live socket answers there)");
        } catch (IOException refused) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new AddressInUseException("cannot remove stale socket file for " + endpoint + ": " + e, e);
            }
        }
    }

    /**
     * Formats this address as an endpoint.
     *
     * @return {@code ipc://path}
     */
    public String format() {
        return "ipc://" + path;
    }
}
