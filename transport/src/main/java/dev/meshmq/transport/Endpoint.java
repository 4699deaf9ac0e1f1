package dev.meshmq.transport;

import dev.meshmq.InvalidEndpointException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A parsed endpoint string: {@code tcp://host:port}, {@code ipc://path}, {@code inproc://name} or
 * {@code udp://[interface;]host:port}. Parsing checks the form only; {@link TcpAddress}, {@link IpcAddress}
 * and {@link UdpAddress} resolve it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param transport the transport named by the scheme
 * @param address what follows {@code ://}
 */
public record Endpoint(Transport transport, String address) {

    /** The transports MeshMQ speaks. */
    public enum Transport {
        /** TCP over IPv4 or IPv6, with ZMTP. */
        TCP,
        /** Unix domain sockets, with ZMTP. */
        IPC,
        /** Within one context, by reference, without ZMTP. */
        INPROC,
        /** Datagrams, unicast or multicast, for RADIO (connects) and DISH (binds) only, in libzmq's format. */
        UDP
    }

    /** The longest inproc name, in UTF-8 bytes. */
    public static final int MAX_INPROC_NAME = 255;

    /**
     * Checks the record's parts.
     *
     * @param transport the transport
     * @param address the address
     */
    public Endpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }

    /**
     * Parses an endpoint string.
     *
     * @param text the endpoint
     * @return the endpoint
     * @throws InvalidEndpointException naming the endpoint and what is wrong with it
     */
    public static Endpoint parse(String text) {
        if (text == null) {
            throw new InvalidEndpointException("endpoint must not be null");
        }
        int separator = text.indexOf("://");
        if (separator <= 0) {
            throw new InvalidEndpointException("invalid endpoint '" + text
                    + "': expected transport://address, e.g. tcp://127.0.0.1:5555");
        }
        String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
        String address = text.substring(separator + 3);
        if (address.isEmpty()) {
            throw new InvalidEndpointException("invalid endpoint '" + text + "': the address is empty");
        }
        switch (scheme) {
            case "tcp":
                TcpAddress.parse(text, address);
                return new Endpoint(Transport.TCP, address);
            case "ipc":
                return new Endpoint(Transport.IPC, address);
            case "inproc":
                if (address.getBytes(StandardCharsets.UTF_8).length > MAX_INPROC_NAME) {
                    throw new InvalidEndpointException("invalid endpoint '" + text + "': inproc names are limited to "
                            + MAX_INPROC_NAME + " bytes");
                }
                return new Endpoint(Transport.INPROC, address);
            case "udp":
                UdpAddress.parse(text, address);
                return new Endpoint(Transport.UDP, address);
            default:
                throw new InvalidEndpointException("unsupported transport '" + scheme + "' in endpoint '" + text
                        + "': MeshMQ speaks tcp, ipc, inproc and (RADIO and DISH only) udp");
        }
    }

    @Override
    public String toString() {
        return transport.name().toLowerCase(Locale.ROOT) + "://" + address;
    }
}
