package dev.meshmq.transport;

import dev.meshmq.Message;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A two-way path between a socket and one peer: an inbound and an outbound {@link Pipe}, what the
 * handshake told about the peer, and the control to close it. For tcp and ipc the far end of the
 * pipes is a connection engine; for inproc it is the peer socket, whose link shares the same two
 * pipes the other way round.
 *
 * <p>Thread-safety: the pipes follow their own contract; {@link #peer()} may be read from any
 * thread; {@link #socketState} belongs to the owning socket's thread.
 */
public final class PeerLink {

    /**
     * Put by the engine of a PUB, XPUB or RADIO link in the inbound pipe when its connection ends: the
     * subscriptions (joins) read before it came from a connection that is gone (those after it, on a
     * connect-side link that reconnects, from the next one). Compare by identity.
     */
    public static final Message CONNECTION_ENDED = Message.of("meshmq: connection ended");

    /** Serialises high-water-mark changes (rare), so two inproc peers setting at once both end up right. */
    private static final Object HWM_LOCK = new Object();

    private final Pipe inbound;
    private final Pipe outbound;
    private final String endpoint;
    private final LinkControl control;
    private volatile PeerInfo peer;
    /** The current connection's direct reads, while it offers them; null otherwise (inproc, udp, raw). */
    private volatile DirectReceive directReceive;
    private volatile int reconnects;
    private volatile long commandsIgnored;
    /** A full inbound pipe refused {@link #CONNECTION_ENDED}: the next connection puts it first. */
    private boolean connectionEndPending;
    /** What a SUB or XSUB link has sent, to replay after a reconnect; its I/O thread only. */
    private SentSubscriptions sentSubscriptions;
    /**
     * The engine of the connection now serving this link, told when the inbound pipe has room again; the
     * pipe's writer listener, registered once, forwards to it. Null until the first engine.
     */
    private volatile PipeWriterListener inboundWriter;
    /** Likewise, told when the outbound pipe has something to send. */
    private volatile PipeReaderListener outboundReader;

    /** Messages a terminating engine had taken from the pipe but not written in full; I/O thread. */
    private long unwrittenAtClose;
    /** Likewise for connections that ended while the socket was open, until the socket takes the count. */
    private final AtomicLong unwrittenAtDisconnect = new AtomicLong();
    /** The transport will never read {@link #outbound} again; guarded by this. */
    private boolean farEndFinished;
    /** Whether what is left in {@link #outbound} when the far end finished is lost; guarded by this. */
    private boolean queuedLost;
    /** Told the outcome once both the socket and the transport are done; guarded by this. */
    private LongConsumer closeListener;
    private volatile long discardedAtClose;

    /** Bookkeeping of the owning socket's routing strategy; touched only by the socket's thread. */
    public Object socketState;

    /**
     * Creates a link.
     *
     * @param inbound messages from the peer
     * @param outbound messages to the peer
     * @param endpoint the endpoint this link belongs to, as the socket knows it
     * @param control closes the far end
     * @param peer what is known of the peer so far, may be null until a handshake completes
     */
    public PeerLink(Pipe inbound, Pipe outbound, String endpoint, LinkControl control, PeerInfo peer) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.control = Objects.requireNonNull(control, "control");
        this.peer = peer;
    }

    /**
     * Returns the pipe of messages from the peer.
     *
     * @return the inbound pipe
     */
    public Pipe inbound() {
        return inbound;
    }

    /**
     * Returns the pipe of messages to the peer.
     *
     * @return the outbound pipe
     */
    public Pipe outbound() {
        return outbound;
    }

    /**
     * Returns the endpoint this link was made for.
     *
     * @return the endpoint string
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Returns what the last handshake told about the peer.
     *
     * @return the peer, or null before the first handshake
     */
    public PeerInfo peer() {
        return peer;
    }

    /**
     * Returns the current connection's offer to be read by the application thread that waits for its messages
     * (a tcp or ipc connection past its handshake; see {@link DirectReceive} for when it is made).
     *
     * @return the offer, or null if there is none now
     */
    public DirectReceive directReceive() {
        return directReceive;
    }

    void offerDirectReceive(DirectReceive offer) {
        directReceive = offer;
    }

    /** The connection that made {@code offer} ended; a later connection's offer stays. */
    void withdrawDirectReceive(DirectReceive offer) {
        if (directReceive == offer) {
            directReceive = null;
        }
    }

    /**
     * Returns how many times this link's connection was made again after the first.
     *
     * @return the reconnect count; 0 for accepted and inproc links
     */
    public int reconnects() {
        return reconnects;
    }

    void countReconnect() {
        reconnects = reconnects + 1;
    }

    /**
     * Returns how many well-formed commands the peer sent after the handshake that meant nothing here
     * (an unknown name, a second READY, an ERROR) and were ignored.
     *
     * @return the count, over every connection of this link
     */
    public long commandsIgnored() {
        return commandsIgnored;
    }

    /** Counts an ignored command. The link's I/O thread only. */
    void countIgnoredCommand() {
        commandsIgnored = commandsIgnored + 1;
    }

    /**
     * Makes {@code listener} the one told that the inbound pipe has room again, for the engine of the
     * connection that now serves this link. A link outlives its connections (a connecting link
     * reconnects) but a pipe end takes one listener, so the link registers a listener of its own with
     * the pipe the first time, and that one forwards to the latest engine's. I/O thread only.
     *
     * @param listener the engine's reaction, cheap and non-blocking
     */
    void listenToInboundAsWriter(PipeWriterListener listener) {
        boolean first = inboundWriter == null;
        inboundWriter = Objects.requireNonNull(listener, "listener");
        if (first) {
            inbound.registerWriter(() -> inboundWriter.onWritable());
        }
    }

    /**
     * Like {@link #listenToInboundAsWriter}, for the engine's reading end of the outbound pipe.
     *
     * @param listener the engine's reaction, cheap and non-blocking
     */
    void listenToOutboundAsReader(PipeReaderListener listener) {
        boolean first = outboundReader == null;
        outboundReader = Objects.requireNonNull(listener, "listener");
        if (first) {
            outbound.registerReader(() -> outboundReader.onReadable());
        }
    }

    LinkControl control() {
        return control;
    }

    /**
     * Tells the reader that the connection behind this link ended, now or, if the inbound pipe is
     * full, at the start of the next connection. I/O thread only.
     */
    void connectionEnded() {
        if (!inbound.write(CONNECTION_ENDED)) {
            connectionEndPending = true;
        }
    }

    /** Returns (and clears) whether {@link #connectionEnded} could not tell the reader. I/O thread only. */
    boolean takeConnectionEndPending() {
        boolean pending = connectionEndPending;
        connectionEndPending = false;
        return pending;
    }

    /** Returns the record of sent subscriptions, created on first use. I/O thread only. */
    SentSubscriptions sentSubscriptions() {
        if (sentSubscriptions == null) {
            sentSubscriptions = new SentSubscriptions();
        }
        return sentSubscriptions;
    }

    void setPeer(PeerInfo peer) {
        this.peer = peer;
    }

    /**
     * Applies the owning socket's current SEND_HWM and RECEIVE_HWM to this link's pipes, as libzmq does
     * when they are set after connect or bind: the outbound pipe gets SEND_HWM and the inbound one
     * RECEIVE_HWM; for inproc, where the two sockets share the pipes, each pipe gets the sender's
     * SEND_HWM plus the receiver's RECEIVE_HWM, read from both sockets now (a connect still waiting for
     * its bind uses this socket's values alone until the bind). A writer refused by the old mark is
     * woken if the new one leaves room; a conflating pipe keeps no mark. Any thread.
     *
     * @param own the owning socket's options
     */
    public void applyHighWaterMarks(TransportOptions own) {
        // both sockets of an inproc pair may set at once: the lock makes the later one see the other's values
        synchronized (HWM_LOCK) {
            TransportOptions peerOptions = control instanceof InprocLinkControl inproc ? inproc.peerOptions() : null;
            if (peerOptions == null) {
                outbound.setHighWaterMark(own.sendHwm());
                inbound.setHighWaterMark(own.receiveHwm());
            } else {
                outbound.setHighWaterMark(TransportOptions.combinedHwm(own.sendHwm(), peerOptions.receiveHwm()));
                inbound.setHighWaterMark(TransportOptions.combinedHwm(peerOptions.sendHwm(), own.receiveHwm()));
            }
        }
    }

    /**
     * Closes the far end; see {@link LinkControl#terminate(long)}.
     *
     * @param lingerNanos the longest time to keep sending
     */
    public void terminate(long lingerNanos) {
        control.terminate(lingerNanos);
    }

    /**
     * Asks to be told, once, how many of the messages queued towards the peer were not delivered: called
     * when the transport has finished with this link (at once if it already has), with the messages
     * left in the outbound pipe plus those a closing connection took but did not write in full. Zero
     * means everything reached the kernel (or, for inproc, the peer socket's queue). The socket calls
     * this after closing its writing end and terminating the link. Only the first listener is taken, so
     * that the outcome is counted once. Any thread; the listener runs on the thread that finishes the
     * link (an I/O thread, or the caller) and must not block.
     *
     * @param listener receives the count of messages not delivered
     * @return false, and {@code listener} is never called, if a listener was set before
     */
    public boolean whenFinished(LongConsumer listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (closeListener != null) {
                return false;
            }
            closeListener = listener;
            if (!farEndFinished) {
                return true;
            }
        }
        report(listener);
        return true;
    }

    /**
     * Returns how many queued messages were discarded when this link finished after the socket closed
     * it; 0 before then.
     *
     * @return the count
     */
    public long discardedAtClose() {
        return discardedAtClose;
    }

    /**
     * Gives up on this link for the transport, which will not finish it (its context stopped waiting
     * and is stopping the I/O threads): what is still queued counts as not delivered. Any thread;
     * idempotent, and without effect if the transport finished the link first.
     */
    public void abandon() {
        farEndFinished(true);
    }

    /**
     * A connection ends with messages taken from the pipe but not written in full: for a terminating one
     * (the socket closed or disconnected it) they count with what its linger discards; otherwise (the peer
     * went, the socket is open) they wait for the socket to take them with {@link #takeUnwrittenAtDisconnect}.
     * I/O thread only, before {@link #farEndFinished} and before the socket hears that the connection ended.
     *
     * @param messages how many
     * @param terminating whether the socket ended the connection
     */
    void addUnwritten(long messages, boolean terminating) {
        if (terminating) {
            unwrittenAtClose += messages;
        } else if (messages > 0) {
            unwrittenAtDisconnect.addAndGet(messages);
        }
    }

    /**
     * Returns whether the transport ended this link while the socket still holds it: the outbound pipe's
     * reading end is closed (a connection that does not reconnect ended, or an inproc peer left) but its
     * writing end, the socket's, is not (a link the socket ended itself closes that first). Any thread.
     *
     * @return true once nothing will read what the socket queues here
     */
    public boolean endedByTransport() {
        return outbound.isReaderClosed() && !outbound.isWriterClosed();
    }

    /**
     * Takes the count of messages that connections of this link had taken from the outbound pipe but not
     * written in full when they ended while the socket was open (the peer died or reset): lost, since the
     * pipe does not hold them any more. Any thread; each message is counted once.
     *
     * @return how many since the last call
     */
    public long takeUnwrittenAtDisconnect() {
        return unwrittenAtDisconnect.getAndSet(0);
    }

    /**
     * The transport has finished with this link: nothing will read the outbound pipe any more.
     * Idempotent.
     *
     * @param lost whether messages still in the outbound pipe are lost (false for an inproc pipe
     *     whose other end is a live socket, which still reads them)
     */
    void farEndFinished(boolean lost) {
        LongConsumer listener;
        synchronized (this) {
            if (farEndFinished) {
                return;
            }
            farEndFinished = true;
            queuedLost = lost;
            listener = closeListener;
        }
        if (listener != null) {
            report(listener);
        }
    }

    private void report(LongConsumer listener) {
        long discarded;
        synchronized (this) {
            discarded = unwrittenAtClose + (queuedLost ? outbound.size() : 0);
        }
        discardedAtClose = discarded;
        listener.accept(discarded);
    }

    @Override
    public String toString() {
        return "PeerLink[" + endpoint + "]";
    }
}
