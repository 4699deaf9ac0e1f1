package dev.meshmq.transport;

import dev.meshmq.InvalidEndpointException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The host and port of a {@code tcp://} endpoint, and their resolution to a socket address.
 * {@code *} as host means every interface (bind only); {@code *} or {@code 0} as port means a free
 * port chosen by the system (bind only). IPv6 literals are written in brackets.
 *
 * <p>Thread-safety: immutable.
 *
 * @param host the host as written, without brackets; {@code *} for every interface
 * @param port the port, 0 for a wildcard
 */
public record TcpAddress(String host, int port) {

    /**
     * Parses the part after {@code tcp://}.
     *
     * @param endpoint the whole endpoint, for error messages
     * @param address host:port
     * @return the address
     * @throws InvalidEndpointException if the form is wrong
     */
    public static TcpAddress parse(String endpoint, String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new InvalidEndpointException("invalid endpoint '" + endpoint + "': expected tcp://host:port");
        }
        String host = address.substring(0, colon);
        String portText = address.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.length() < 3) {
                throw new InvalidEndpointException("invalid endpoint '" + endpoint + "': unbalanced IPv6 brackets");
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new InvalidEndpointException("invalid endpoint '" + endpoint
                    + "': write IPv6 addresses in brackets, e.g. tcp://[::1]:5555");
        }
        if (host.indexOf(';') >= 0) {
            throw new InvalidEndpointException("invalid endpoint '" + endpoint
                    + "': source addresses (src;dst) are not supported");
        }
        return new TcpAddress(host, parsePort(endpoint, portText));
    }

    private static int parsePort(String endpoint, String text) {
        if ("*".equals(text)) {
            return 0;
        }
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new InvalidEndpointException("invalid endpoint '" + endpoint + "': port " + port
                        + " is out of range 0-65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new InvalidEndpointException("invalid endpoint '" + endpoint + "': port '" + text
                    + "' is not a number or *", e);
        }
    }

    /**
     * Returns whether the host is the {@code *} wildcard.
     *
     * @return true for every interface
     */
    public boolean isWildcardHost() {
        return "*".equals(host);
    }

    /**
     * Resolves the address for binding.
     *
     * @param endpoint the whole endpoint, for error messages
     * @param ipv6 whether {@code *} includes IPv6 and names may resolve to IPv6
     * @return the socket address
     */
    public InetSocketAddress resolveForBind(String endpoint, boolean ipv6) {
        if (isWildcardHost()) {
            return ipv6 ? new InetSocketAddress(port) : new InetSocketAddress(anyIpv4(), port);
        }
        return new InetSocketAddress(resolveHost(endpoint, ipv6), port);
    }

    /**
     * Resolves the address for connecting.
     *
     * @param endpoint the whole endpoint, for error messages
     * @param ipv6 whether names may resolve to IPv6
     * @return the socket address
     */
    public InetSocketAddress resolveForConnect(String endpoint, boolean ipv6) {
        checkConnectable(endpoint);
        return new InetSocketAddress(resolveHost(endpoint, ipv6), port);
    }

    /**
     * Checks that the address can be connected to, without resolving it.
     *
     * @param endpoint the whole endpoint, for error messages
     * @throws InvalidEndpointException for a wildcard host or port
     */
    public void checkConnectable(String endpoint) {
        if (isWildcardHost() || port == 0) {
            throw new InvalidEndpointException("invalid endpoint '" + endpoint
                    + "': connect needs a concrete host and port, not a wildcard");
        }
    }

    /**
     * Returns whether the host is an IP literal, which resolves without a name lookup.
     *
     * @return true for an IPv4 dotted quad or an IPv6 literal
     */
    public boolean isNumericHost() {
        return isLiteral() || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private InetAddress resolveHost(String endpoint, boolean ipv6) {
        try {
            InetAddress[] candidates = InetAddress.getAllByName(host);
            for (InetAddress candidate : candidates) {
                if (candidate instanceof Inet4Address) {
                    return candidate;
                }
            }
            for (InetAddress candidate : candidates) {
                if (candidate instanceof Inet6Address && (ipv6 || isLiteral())) {
                    return candidate;
                }
            }
            throw new InvalidEndpointException("cannot resolve '" + host + "' in endpoint '" + endpoint
                    + "' to an IPv4 address (set IPV6 to allow IPv6)");
        } catch (UnknownHostException e) {
            throw new InvalidEndpointException("cannot resolve host '" + host + "' in endpoint '" + endpoint + "'", e);
        }
    }

    private boolean isLiteral() {
        return host.indexOf(':') >= 0;
    }

    private static InetAddress anyIpv4() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("0.0.0.0 is always a valid address", e);
        }
    }

    /**
     * Formats a bound socket address as an endpoint.
     *
     * @param address the local address of a bound channel
     * @return {@code tcp://host:port}, with IPv6 in brackets
     */
    public static String format(InetSocketAddress address) {
        InetAddress inet = address.getAddress();
        String host = inet instanceof Inet6Address
                ? "[" + shortIpv6(inet.getAddress()) + "]"
                : inet.getHostAddress();
        return "tcp://" + host + ":" + address.getPort();
    }

    /**
     * Writes an IPv6 address in the short form of RFC 5952 ({@code ::1}, {@code fe80::1:2}): lower
     * case, no leading zeros, the longest run of two or more zero groups as {@code ::}.
     */
    static String shortIpv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
