package dev.meshmq.patterns.core;

import dev.meshmq.EndpointNotFoundException;
import dev.meshmq.transport.Binding;
import dev.meshmq.transport.Endpoint;
import dev.meshmq.transport.LinkHost;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.TransportContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints one socket bound and connected, by the names the application used (and, for tcp
 * and ipc binds, the resolved names too), so unbind and disconnect find them and close releases
 * them.
 *
 * <p>Thread-safety: safe for any thread (concurrent maps); the socket calls it under its own rules.
 */
final class SocketEndpoints {

    private final TransportContext transport;
    private final LinkHost host;
    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final Map<String, String> inprocNames = new ConcurrentHashMap<>();
    private final Map<String, PeerLink> connections = new ConcurrentHashMap<>();
    private volatile String lastEndpoint = "";

    SocketEndpoints(TransportContext transport, LinkHost host) {
        this.transport = transport;
        this.host = host;
    }

    /** Binds and returns the resolved endpoint. */
    String bind(String endpoint) {
        Endpoint parsed = checkTransport(Endpoint.parse(endpoint), endpoint);
        String resolved;
        if (parsed.transport() == Endpoint.Transport.INPROC) {
            transport.inproc().bind(parsed.address(), endpoint, host);
            inprocNames.put(endpoint, parsed.address());
            resolved = endpoint;
        } else {
            Binding binding = transport.bind(parsed, endpoint, host);
            resolved = binding.resolvedEndpoint();
            bindings.put(resolved, binding);
            bindings.putIfAbsent(endpoint, binding);
        }
        lastEndpoint = resolved;
        return resolved;
    }

    /** Starts a connect and returns its link, not yet attached to the socket. */
    PeerLink connect(String endpoint) {
        Endpoint parsed = checkTransport(Endpoint.parse(endpoint), endpoint);
        PeerLink link = parsed.transport() == Endpoint.Transport.INPROC
                ? transport.inproc().connect(parsed.address(), endpoint, host)
                : transport.connect(parsed, endpoint, host);
        connections.put(endpoint, link);
        return link;
    }

    /** STREAM sockets talk raw TCP or ipc: refuses inproc for them. */
    private Endpoint checkTransport(Endpoint parsed, String endpoint) {
        if (parsed.transport() == Endpoint.Transport.INPROC
                && host.transportOptions().socketType() == dev.meshmq.SocketType.STREAM) {
            throw new dev.meshmq.InvalidEndpointException("invalid endpoint '" + endpoint
                    + "': a STREAM socket talks raw TCP or ipc, not inproc");
        }
        return parsed;
    }

    /**
     * Releases a bound endpoint; accepted connections linger at most {@code lingerNanos}.
     *
     * @return the resolved tcp or ipc endpoint, which the accepted links carry; null for inproc,
     *     whose links stay
     */
    String unbind(String endpoint, long lingerNanos) {
        String name = inprocNames.remove(endpoint);
        if (name != null) {
            transport.inproc().unbind(name, host);
            return null;
        }
        Binding binding = bindings.remove(endpoint);
        if (binding == null) {
            throw new EndpointNotFoundException("not bound to " + endpoint);
        }
        bindings.values().removeIf(other -> other == binding);
        binding.close(lingerNanos);
        return binding.resolvedEndpoint();
    }

    /** Forgets a connected endpoint and returns its link, for the socket to close. */
    PeerLink disconnect(String endpoint) {
        PeerLink link = connections.remove(endpoint);
        if (link == null) {
            throw new EndpointNotFoundException("not connected to " + endpoint);
        }
        return link;
    }

    /** Releases every bound endpoint (connected links are closed with the socket's links). */
    void releaseBindings(long lingerNanos) {
        for (Binding binding : Set.copyOf(bindings.values())) {
            binding.close(lingerNanos);
        }
        bindings.clear();
        for (String name : inprocNames.values()) {
            transport.inproc().unbind(name, host);
        }
        inprocNames.clear();
    }

    String lastEndpoint() {
        return lastEndpoint;
    }
}
