package dev.meshmq.transport;

import dev.meshmq.Message;

/**
 * Closes one side of an inproc link: ends both pipes so the other socket reads what was already
 * sent and then forgets the link. When the connecting side closes, the bound socket's DISCONNECT_MSG
 * (if it has one) is put after what was sent, as a tcp or ipc connection's end puts it, and as libzmq
 * does over inproc; the connecting side gets nothing when the bound side closes (no HICCUP_MSG: an
 * inproc link does not reconnect).
 *
 * <p>Thread-safety: safe for any thread; terminates once.
 */
final class InprocLinkControl implements LinkControl {

    private PeerLink selfLink;
    private LinkHost peer;
    private PeerLink peerLink;
    private Runnable onUnpaired;
    private boolean terminated;
    /** Whether this is the connecting socket's side (paired by {@link #pairWith}). */
    private boolean connectSide;

    synchronized void init(LinkHost self, PeerLink selfLink, LinkHost peer, PeerLink peerLink, Runnable onUnpaired) {
        this.selfLink = selfLink;
        this.peer = peer;
        this.peerLink = peerLink;
        this.onUnpaired = onUnpaired;
    }

    synchronized void pairWith(LinkHost peerHost, PeerLink link) {
        this.peer = peerHost;
        this.peerLink = link;
        this.connectSide = true;
    }

    /** Returns the options of the socket at the other end, or null while a connect waits for its bind. */
    synchronized TransportOptions peerOptions() {
        return peer == null ? null : peer.transportOptions();
    }

    @Override
    public void terminate(long lingerNanos) {
        LinkHost peerHost;
        PeerLink otherLink;
        Runnable unpaired;
        boolean connecting;
        synchronized (this) {
            if (terminated) {
                return;
            }
            terminated = true;
            peerHost = peer;
            otherLink = peerLink;
            unpaired = onUnpaired;
            connecting = connectSide;
        }
        if (connecting && peerHost != null) {
            Message note = peerHost.transportOptions().connection().disconnectMessage();
            if (note != null) {
                selfLink.outbound().writePastLimit(note);
            }
        }
        selfLink.outbound().closeWriting();
        selfLink.inbound().closeReading();
        // paired, the peer socket still reads what this side queued; never paired, nobody will
        selfLink.farEndFinished(peerHost == null || selfLink.outbound().isReaderClosed());
        if (peerHost != null) {
            peerHost.detach(otherLink);
        } else if (unpaired != null) {
            unpaired.run();
        }
    }
}
