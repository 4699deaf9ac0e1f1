package dev.meshmq.transport;

/**
 * Closes one side of an inproc link: ends both pipes so the other socket reads what was already
 * sent and then forgets the link.
 *
 * <p>Thread-safety: safe for any thread; terminates once.
 */
final class InprocLinkControl implements LinkControl {

    private PeerLink selfLink;
    private LinkHost peer;
    private PeerLink peerLink;
    private Runnable onUnpaired;
    private boolean terminated;

    synchronized void init(LinkHost self, PeerLink selfLink, LinkHost peer, PeerLink peerLink, Runnable onUnpaired) {
        this.selfLink = selfLink;
        this.peer = peer;
        this.peerLink = peerLink;
        this.onUnpaired = onUnpaired;
    }

    synchronized void pairWith(LinkHost peerHost, PeerLink link) {
        this.peer = peerHost;
        this.peerLink = link;
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
        synchronized (this) {
            if (terminated) {
                return;
            }
            terminated = true;
            peerHost = peer;
            otherLink = peerLink;
            unpaired = onUnpaired;
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
