package dev.meshmq.transport;

import dev.meshmq.InvalidEndpointException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Enumeration;

/**
 * The part after {@code udp://}, in the forms libzmq's udp address accepts:
 * <ul>
 *   <li>{@code host:port}: for a bind (DISH), a local address, {@code *} or an interface name, and
 *       {@code *} as the port for any free one; for a connect (RADIO), the destination (a name is
 *       resolved when connecting).</li>
 *   <li>{@code multicast-group:port}: the DISH binds every address on that port and joins the group on
 *       the first multicast interface that is up (the loopback interface if there is none); the RADIO
 *       sends to the group.</li>
 *   <li>{@code interface;multicast-group:port}: the same on the given interface, named by its name
 *       ({@code eth0}, {@code lo}), one of its addresses, or {@code *}. An interface before a unicast
 *       address is an error, as in libzmq.</li>
 * </ul>
 * IPv4 only, as libzmq 4.3's udp without IPV6.
 *
 * <p>Thread-safety: immutable.
 *
 * @param interfaceName what came before the {@code ;}, or null
 * @param target the host and port
 */
record UdpAddress(String interfaceName, TcpAddress target) {

    /** Where a DISH receives: the local address to bind, and for multicast the group and interface. */
    record Receiving(InetSocketAddress bindAddress, InetAddress group, NetworkInterface networkInterface) {
    }

    /** Where a RADIO sends, and for multicast the interface to send on (null: the system's choice). */
    record Sending(InetSocketAddress target, NetworkInterface networkInterface) {
    }

    static UdpAddress parse(String endpoint, String address) {
        int semicolon = address.lastIndexOf(';');
        String name = semicolon < 0 ? null : address.substring(0, semicolon);
        if (name != null && name.isEmpty()) {
            throw invalid(endpoint, "the interface before ';' is empty");
        }
        String rest = address.substring(semicolon + 1);
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || rest.indexOf('[') >= 0 || rest.indexOf(':') != colon) {
            throw invalid(endpoint, "expected udp://host:port or udp://interface;multicast-group:port (IPv4)");
        }
        TcpAddress target;
        try {
            target = TcpAddress.parse(endpoint, rest);
        } catch (InvalidEndpointException e) {
            throw invalid(endpoint, "expected udp://host:port or udp://interface;multicast-group:port");
        }
        return new UdpAddress(name, target);
    }

    Receiving resolveForBind(String endpoint) {
        InetAddress host = target.isWildcardHost() ? anyAddress() : localHost(endpoint, target.host());
        if (host.isMulticastAddress()) {
            NetworkInterface nif = interfaceName == null || "*".equals(interfaceName)
                    ? defaultMulticastInterface(endpoint) : networkInterface(endpoint, interfaceName);
            return new Receiving(new InetSocketAddress(anyAddress(), target.port()), host, nif);
        }
        if (interfaceName != null) {
            throw invalid(endpoint, "an interface may only be given before a multicast group");
        }
        return new Receiving(new InetSocketAddress(host, target.port()), null, null);
    }

    Sending resolveForConnect(String endpoint) {
        InetSocketAddress destination = target.resolveForConnect(endpoint, false);
        if (!(destination.getAddress() instanceof Inet4Address)) {
            throw invalid(endpoint, "udp is IPv4 only");
        }
        if (!destination.getAddress().isMulticastAddress()) {
            if (interfaceName != null) {
                throw invalid(endpoint, "an interface may only be given before a multicast group");
            }
            return new Sending(destination, null);
        }
        NetworkInterface nif = interfaceName == null || "*".equals(interfaceName)
                ? null : networkInterface(endpoint, interfaceName);
        return new Sending(destination, nif);
    }

    /** Formats a bound receiving address as an endpoint, with the interface given if there was one. */
    String format(int port) {
        return "udp://" + (interfaceName == null ? "" : interfaceName + ";") + target.host() + ":" + port;
    }

    /** A literal IPv4 address, or the first IPv4 address of the interface of that name; never DNS. */
    private static InetAddress localHost(String endpoint, String host) {
        if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                return InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw invalid(endpoint, "'" + host + "' is no IPv4 address");
            }
        }
        return firstIpv4(endpoint, networkInterface(endpoint, host));
    }

    private static NetworkInterface networkInterface(String endpoint, String name) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null && name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                nif = NetworkInterface.getByInetAddress(InetAddress.getByName(name));
            }
            if (nif == null) {
                throw invalid(endpoint, "'" + name + "' is neither an interface nor an address of this machine");
            }
            return nif;
        } catch (SocketException | UnknownHostException e) {
            throw invalid(endpoint, "cannot look up interface '" + name + "': " + e.getMessage());
        }
    }

    private static InetAddress firstIpv4(String endpoint, NetworkInterface nif) {
        Enumeration<InetAddress> addresses = nif.getInetAddresses();
        while (addresses.hasMoreElements()) {
            InetAddress address = addresses.nextElement();
            if (address instanceof Inet4Address) {
                return address;
            }
        }
        throw invalid(endpoint, "interface " + nif.getName() + " has no IPv4 address");
    }

    private static NetworkInterface defaultMulticastInterface(String endpoint) {
        try {
            NetworkInterface loopback = null;
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            while (all.hasMoreElements()) {
                NetworkInterface nif = all.nextElement();
                if (!nif.isUp() || !nif.inetAddresses().anyMatch(Inet4Address.class::isInstance)) {
                    continue;
                }
                if (nif.isLoopback()) {
                    loopback = nif;
                } else if (nif.supportsMulticast()) {
                    return nif;
                }
            }
            if (loopback == null) {
                throw invalid(endpoint, "no network interface is up to join the multicast group on");
            }
            return loopback;
        } catch (SocketException e) {
            throw invalid(endpoint, "cannot list the network interfaces: " + e.getMessage());
        }
    }

    private static InetAddress anyAddress() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("0.0.0.0 is always a valid address", e);
        }
    }

    private static InvalidEndpointException invalid(String endpoint, String problem) {
        return new InvalidEndpointException("invalid endpoint '" + endpoint + "': " + problem);
    }
}
