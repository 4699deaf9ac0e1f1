package dev.meshmq.transport;

import dev.meshmq.AddressInUseException;
import dev.meshmq.IncompatibleSocketException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code inproc://} names of one context. A connect before the bind gets its link at once, so it
 * can queue messages; the bind later completes every pending connect. Between two inproc sockets
 * there is no ZMTP: one pipe per direction, with the sender's SEND_HWM plus the receiver's
 * RECEIVE_HWM as limit, carrying messages by reference.
 *
 * <p>Thread-safety: safe for any thread (one lock for the registry).
 */
public final class InprocRegistry {

    private static final System.Logger LOG = SafeLogger.of(InprocRegistry.class);

    /** A connect waiting for its name to be bound. */
    private record Pending(LinkHost connector, Pipe toBinder, Pipe toConnector, PeerLink connectorLink) {
    }

    private final Map<String, LinkHost> bound = new HashMap<>();
    private final Map<String, List<Pending>> pending = new HashMap<>();

    /**
     * Binds a name.
     *
     * @param name the inproc name
     * @param endpoint the whole endpoint, for links and errors
     * @param binder the binding socket
     * @throws AddressInUseException if the name is bound already
     */
    public void bind(String name, String endpoint, LinkHost binder) {
        List<Pending> waiting;
        synchronized (this) {
            if (bound.containsKey(name)) {
                throw new AddressInUseException("address already in use: " + endpoint);
            }
            bound.put(name, binder);
            waiting = pending.remove(name);
        }
        if (waiting != null) {
            for (Pending connect : waiting) {
                complete(connect, binder, endpoint);
            }
        }
    }

    /**
     * Releases a name; links made through it stay.
     *
     * @param name the inproc name
     * @param binder the socket that bound it
     * @return true if it was bound by {@code binder}
     */
    public synchronized boolean unbind(String name, LinkHost binder) {
        return bound.remove(name, binder);
    }

    /**
     * Returns whether a name is bound.
     *
     * @param name the inproc name
     * @return true if a socket has bound it
     */
    public synchronized boolean isBound(String name) {
        return bound.containsKey(name);
    }

    /**
     * Connects to a name, bound or not yet.
     *
     * @param name the inproc name
     * @param endpoint the whole endpoint
     * @param connector the connecting socket
     * @return the connector's link, to attach to it
     * @throws IncompatibleSocketException if the bound socket's type cannot talk to the connector's
     */
    public PeerLink connect(String name, String endpoint, LinkHost connector) {
        TransportOptions options = connector.transportOptions();
        InprocLinkControl control = new InprocLinkControl();
        Pending connect;
        PeerLink connectorLink;
        LinkHost binder;
        synchronized (this) {
            binder = bound.get(name);
            TransportOptions binderOptions = binder == null ? null : binder.transportOptions();
            Pipe toBinder = conflates(options.conflatesOutbound(), binderOptions, true)
                    ? Pipe.conflating() : new Pipe(options.sendHwm());
            Pipe toConnector = conflates(options.conflatesInbound(), binderOptions, false)
                    ? Pipe.conflating() : new Pipe(options.receiveHwm());
            connectorLink = new PeerLink(toConnector, toBinder, endpoint, control, null);
            connect = new Pending(connector, toBinder, toConnector, connectorLink);
            if (binder == null) {
                pending.computeIfAbsent(name, unused -> new ArrayList<>()).add(connect);
                control.init(connector, connectorLink, null, null, () -> removePending(name, connect));
                return connectorLink;
            }
        }
        checkCompatible(connector, binder, endpoint);
        control.init(connector, connectorLink, null, null, () -> { });
        complete(connect, binder, endpoint);
        return connectorLink;
    }

    /**
     * CONFLATE between two inproc sockets: a pipe conflates if either end asks for it in its direction
     * (the binder's wish is unknown while a connect waits for its bind).
     */
    private static boolean conflates(boolean connectorWants, TransportOptions binder, boolean towardsBinder) {
        if (connectorWants) {
            return true;
        }
        if (binder == null) {
            return false;
        }
        return towardsBinder ? binder.conflatesInbound() : binder.conflatesOutbound();
    }

    private static void checkCompatible(LinkHost connector, LinkHost binder, String endpoint) {
        var connectorType = connector.transportOptions().socketType();
        var binderType = binder.transportOptions().socketType();
        if (!connectorType.isCompatibleWith(binderType)) {
            throw new IncompatibleSocketException("a " + connectorType + " socket cannot connect to the "
                    + binderType + " socket bound at " + endpoint);
        }
    }

    private synchronized void removePending(String name, Pending connect) {
        List<Pending> list = pending.get(name);
        if (list != null) {
            list.remove(connect);
            if (list.isEmpty()) {
                pending.remove(name);
            }
        }
    }

    private static void complete(Pending connect, LinkHost binder, String endpoint) {
        TransportOptions connectorOptions = connect.connector().transportOptions();
        TransportOptions binderOptions = binder.transportOptions();
        if (!connectorOptions.socketType().isCompatibleWith(binderOptions.socketType())) {
            LOG.log(Level.WARNING, "dropping inproc connect of a {0} to the {1} bound at {2}: incompatible types",
                    connectorOptions.socketType(), binderOptions.socketType(), endpoint);
            connect.toConnector().closeWriting();
            connect.toBinder().closeReading();
            connect.connector().detach(connect.connectorLink());
            return;
        }
        connect.toBinder().setHighWaterMark(
                TransportOptions.combinedHwm(connectorOptions.sendHwm(), binderOptions.receiveHwm()));
        connect.toConnector().setHighWaterMark(
                TransportOptions.combinedHwm(binderOptions.sendHwm(), connectorOptions.receiveHwm()));
        InprocLinkControl binderControl = new InprocLinkControl();
        PeerLink binderLink = new PeerLink(connect.toBinder(), connect.toConnector(), endpoint, binderControl,
                new PeerInfo(Optional.of(connectorOptions.socketType()), connectorOptions.routingId(), endpoint, 1));
        connect.connectorLink().setPeer(
                new PeerInfo(Optional.of(binderOptions.socketType()), binderOptions.routingId(), endpoint, 1));
        InprocLinkControl connectorControl = (InprocLinkControl) connect.connectorLink().control();
        connectorControl.pairWith(binder, binderLink);
        binderControl.init(binder, binderLink, connect.connector(), connect.connectorLink(), () -> { });
        binder.attach(binderLink);
        connect.connector().peerConnected(connect.connectorLink());
    }
}
