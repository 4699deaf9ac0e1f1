package dev.meshmq.transport;

import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.SocketType;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.FrameDecoder;
import dev.meshmq.transport.zmtp.FrameHandler;
import dev.meshmq.transport.zmtp.Greeting;
import dev.meshmq.transport.zmtp.GreetingDecoder;
import dev.meshmq.transport.zmtp.MessageEncoder;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One ZMTP connection over a stream channel (tcp or ipc), on one I/O thread: the greeting, the NULL
 * handshake with READY, then frames between the channel and the link's pipes.
 *
 * <p>States: {@link State#GREETING} until the peer's 64-byte greeting is in, {@link State#HANDSHAKE}
 * until its READY is in, {@link State#ACTIVE} while messages flow, {@link State#CLOSED} at the end.
 * Every transition goes through {@link #moveTo}. Any protocol violation or I/O error closes this
 * connection only.
 *
 * <p>Thread-safety: owned by its I/O thread; other threads reach it through tasks posted there.
 */
final class StreamEngine implements IoHandler, FrameHandler {

    /** The life of a connection. */
    enum State { GREETING, HANDSHAKE, ACTIVE, CLOSED }

    private static final System.Logger LOG = System.getLogger(StreamEngine.class.getName());
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final long WRITE_BUDGET_BYTES = 1024 * 1024;
    private static final int READS_PER_EVENT = 8;

    private final IoThread io;
    private final SocketChannel channel;
    private final TransportOptions options;
    private final EngineOwner owner;
    private final String remoteAddress;
    private final ByteBuffer input = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final ByteBuffer output = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final GreetingDecoder greetingDecoder = new GreetingDecoder();
    private final FrameDecoder frameDecoder;
    private final MessageEncoder encoder = new MessageEncoder();
    /** Messages taken from the pipe and not yet written in full: what a linger expiry discards. */
    private final OutputLedger ledger = new OutputLedger();
    private final ArrayDeque<ByteBuffer> commandsOut = new ArrayDeque<>();
    private final Runnable outputTask = this::onOutputReady;
    private final Runnable resumeTask = this::onInboundWritable;
    private final ConnectionEvents events;
    private final Heartbeat heartbeat;
    private final boolean sendsSubscriptions;
    private final boolean receivesSubscriptions;
    private ArrayDeque<Message> subscriptionReplay = new ArrayDeque<>();

    private State state = State.GREETING;
    private SelectionKey key;
    private Greeting peerGreeting;
    private PeerLink link;
    private Message pendingInbound;
    private Timer handshakeTimer;
    private Timer lingerTimer;
    private boolean terminating;
    private boolean outputScheduled;
    private boolean handshakeFailureReported;
    private byte[] peerIdentity = new byte[0];

    StreamEngine(IoThread io, SocketChannel channel, TransportOptions options, EngineOwner owner,
            String remoteAddress, ConnectionEvents events) {
        this.io = io;
        this.channel = channel;
        this.options = options;
        this.owner = owner;
        this.remoteAddress = remoteAddress;
        this.frameDecoder = new FrameDecoder(options.maxMessageSize());
        this.sendsSubscriptions = SubscriptionWire.sendsSubscriptions(options.socketType());
        this.receivesSubscriptions = SubscriptionWire.receivesSubscriptions(options.socketType());
        this.events = events;
        this.heartbeat = new Heartbeat(io, options.heartbeat(), this);
    }

    /**
     * Starts the connection: sends the greeting and READY, and listens. I/O thread only.
     *
     * @param existingKey the channel's key if a connecter registered it, else null
     */
    void start(SelectionKey existingKey) {
        try {
            if (existingKey != null) {
                key = existingKey;
                key.attach(this);
                key.interestOps(SelectionKey.OP_READ);
            } else {
                key = io.register(channel, SelectionKey.OP_READ, this);
            }
            Greeting.write(output, ZmtpWire.MECHANISM_NULL, false);
            commandsOut.add(ByteBuffer.wrap(Command.encodeReady(readyProperties(options))));
            if (options.handshakeIntervalNanos() > 0) {
                handshakeTimer = io.schedule(options.handshakeIntervalNanos(), this::onHandshakeTimeout);
            }
            flushOutput();
        } catch (IOException e) {
            close("cannot start: " + e.getMessage());
        }
    }

    /** READY's properties: the socket type, and for REQ, DEALER and ROUTER the Identity, as libzmq sends. */
    static Map<String, byte[]> readyProperties(TransportOptions options) {
        SocketType type = options.socketType();
        Map<String, byte[]> properties = new LinkedHashMap<>();
        properties.put(ZmtpWire.PROPERTY_SOCKET_TYPE, type.zmtpName().getBytes(StandardCharsets.US_ASCII));
        if (type == SocketType.REQ || type == SocketType.DEALER || type == SocketType.ROUTER) {
            properties.put(ZmtpWire.PROPERTY_IDENTITY, options.routingId());
        }
        return properties;
    }

    State state() {
        return state;
    }

    private void moveTo(State next) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("engine for " + remoteAddress + " is closed");
        }
        state = next;
    }

    @Override
    public void onSelected(SelectionKey selected) {
        if (selected.isValid() && selected.isWritable()) {
            flushOutput();
        }
        if (state != State.CLOSED && selected.isValid() && selected.isReadable()) {
            readInput();
        }
    }

    @Override
    public void onFailure(RuntimeException failure) {
        close("internal error: " + failure);
    }

    private void readInput() {
        for (int round = 0; round < READS_PER_EVENT && state != State.CLOSED && pendingInbound == null; round++) {
            int count;
            try {
                count = channel.read(input);
            } catch (IOException e) {
                close("read failed: " + e.getMessage());
                return;
            }
            if (count < 0) {
                close("peer closed the connection");
                return;
            }
            if (count == 0) {
                return;
            }
            heartbeat.onInput();
            processInput();
        }
    }

    /** Decodes what is buffered, stopping early when the inbound pipe is full. */
    private void processInput() {
        input.flip();
        try {
            if (state == State.GREETING) {
                Greeting greeting = greetingDecoder.decode(input);
                if (greeting != null) {
                    onGreeting(greeting);
                }
            }
            if (state == State.HANDSHAKE || state == State.ACTIVE) {
                frameDecoder.decode(input, this);
            }
        } catch (ZmtpProtocolException e) {
            if (state == State.GREETING || state == State.HANDSHAKE) {
                handshakeFailureReported = true;
                events.emit(MonitorEventType.HANDSHAKE_FAILED_PROTOCOL, channel, remoteAddress, peerIdentity,
                        e.error().code(), e.getMessage());
            }
            close("protocol error (" + e.error() + "): " + e.getMessage());
        } finally {
            if (link != null) {
                link.inbound().releaseWakeup();
            }
            if (state != State.CLOSED) {
                input.compact();
            }
        }
    }

    private void onGreeting(Greeting greeting) throws ZmtpProtocolException {
        if (!ZmtpWire.MECHANISM_NULL.equals(greeting.mechanism())) {
            throw new ZmtpProtocolException(ProtocolError.MECHANISM_MISMATCH,
                    "peer uses mechanism " + greeting.mechanism() + ", this socket uses NULL");
        }
        peerGreeting = greeting;
        moveTo(State.HANDSHAKE);
    }

    @Override
    public boolean onCommand(Command command) throws ZmtpProtocolException {
        String name = command.name();
        if (state == State.HANDSHAKE) {
            if (!ZmtpWire.COMMAND_READY.equals(name)) {
                throw new ZmtpProtocolException(ProtocolError.UNEXPECTED_COMMAND,
                        "expected READY during the handshake, got " + name);
            }
            onReady(command.readyProperties());
            return state == State.ACTIVE && pendingInbound == null;
        }
        switch (name) {
            case ZmtpWire.COMMAND_PING:
                heartbeat.onPeerPing(command.pingTtlDeciseconds());
                queueCommand(Command.encodePong(command.pingContext()));
                return true;
            case ZmtpWire.COMMAND_PONG:
                return true;
            case ZmtpWire.COMMAND_SUBSCRIBE:
            case ZmtpWire.COMMAND_CANCEL:
                return !receivesSubscriptions || onMessage(SubscriptionWire.fromCommand(command));
            case ZmtpWire.COMMAND_ERROR:
                close("peer sent ERROR: " + command.errorReason());
                return false;
            default:
                throw new ZmtpProtocolException(ProtocolError.UNEXPECTED_COMMAND,
                        "unexpected command " + name + " after the handshake");
        }
    }

    private void onReady(Map<String, byte[]> properties) throws ZmtpProtocolException {
        Optional<SocketType> peerType = Optional.empty();
        byte[] typeName = properties.get(ZmtpWire.PROPERTY_SOCKET_TYPE);
        if (typeName != null) {
            String text = new String(typeName, StandardCharsets.US_ASCII);
            peerType = SocketType.fromZmtpName(text);
            if (peerType.isEmpty() || !options.socketType().isCompatibleWith(peerType.get())) {
                throw new ZmtpProtocolException(ProtocolError.INCOMPATIBLE_SOCKET_TYPE,
                        "a " + options.socketType() + " socket cannot talk to a " + text + " peer");
            }
        }
        byte[] identity = properties.getOrDefault(ZmtpWire.PROPERTY_IDENTITY, new byte[0]);
        PeerInfo peer = new PeerInfo(peerType, identity, remoteAddress, peerGreeting.minor());
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
            handshakeTimer = null;
        }
        peerIdentity = identity;
        PeerLink served = owner.linkFor(this, peer);
        if (served == null) {
            close("the socket refused the peer");
            return;
        }
        link = served;
        link.inbound().setWriterWakeup(() -> io.execute(resumeTask));
        link.outbound().setReaderWakeup(() -> io.execute(outputTask));
        moveTo(State.ACTIVE);
        events.emit(MonitorEventType.HANDSHAKE_SUCCEEDED, channel, remoteAddress, peerIdentity, 0, "");
        heartbeat.start();
        startSubscriptions();
        flushOutput();
    }

    /**
     * A subscriber replays what earlier connections of its link sent; a publisher whose link could not
     * be told that the previous connection ended is told now, before the new subscriptions.
     */
    private void startSubscriptions() {
        if (sendsSubscriptions) {
            subscriptionReplay = link.sentSubscriptions().replay();
        }
        if (receivesSubscriptions && link.takeConnectionEndPending()) {
            onMessage(PeerLink.CONNECTION_ENDED);
        }
    }

    @Override
    public boolean onMessage(Message message) {
        if (state != State.ACTIVE) {
            close("protocol error: peer sent a message before completing the handshake");
            return false;
        }
        // one wake-up for the reader per decoded batch: processInput releases it
        if (link.inbound().writeHoldingWakeup(message)) {
            return true;
        }
        pendingInbound = message;
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        return false;
    }

    /** The socket drained the inbound pipe: deliver the held message and read on. */
    private void onInboundWritable() {
        if (state != State.ACTIVE || pendingInbound == null) {
            return;
        }
        if (!link.inbound().write(pendingInbound)) {
            return;
        }
        pendingInbound = null;
        processInput();
        if (state == State.ACTIVE && pendingInbound == null) {
            key.interestOps(key.interestOps() | SelectionKey.OP_READ);
            readInput();
        }
    }

    private void queueCommand(byte[] frame) {
        commandsOut.add(ByteBuffer.wrap(frame));
        scheduleOutput();
    }

    private void scheduleOutput() {
        if (!outputScheduled) {
            outputScheduled = true;
            io.execute(outputTask);
        }
    }

    private void onOutputReady() {
        outputScheduled = false;
        if (state != State.CLOSED) {
            flushOutput();
        }
    }

    /**
     * Encodes queued commands and messages into the output buffer and writes it, until nothing is
     * left, the channel is full (then OP_WRITE waits for room), or the write budget is spent.
     */
    private void flushOutput() {
        long budget = WRITE_BUDGET_BYTES;
        while (state != State.CLOSED) {
            boolean more = fillOutput();
            if (output.position() == 0) {
                afterOutputDrained();
                return;
            }
            output.flip();
            int written;
            try {
                written = channel.write(output);
            } catch (IOException e) {
                close("write failed: " + e.getMessage());
                return;
            }
            boolean partial = output.hasRemaining();
            output.compact();
            ledger.wrote(written);
            budget -= written;
            if (partial) {
                key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
                return;
            }
            if (!more) {
                afterOutputDrained();
                return;
            }
            if (budget <= 0) {
                scheduleOutput();
                return;
            }
        }
    }

    /** Fills the output buffer; returns true if it filled up with more waiting. */
    private boolean fillOutput() {
        while (output.hasRemaining()) {
            if (!encoder.isIdle()) {
                if (!encoder.encodeTo(output)) {
                    return true;
                }
                ledger.encoded(output.position());
                continue;
            }
            ByteBuffer command = commandsOut.peek();
            if (command != null) {
                int chunk = Math.min(command.remaining(), output.remaining());
                output.put(output.position(), command, command.position(), chunk);
                output.position(output.position() + chunk);
                command.position(command.position() + chunk);
                if (!command.hasRemaining()) {
                    commandsOut.poll();
                }
                continue;
            }
            if (state != State.ACTIVE) {
                return false;
            }
            Message message = nextOutgoing();
            if (message == null) {
                return false;
            }
            byte[] subscription = subscriptionCommand(message);
            if (subscription != null) {
                commandsOut.add(ByteBuffer.wrap(subscription));
            } else {
                encoder.start(message);
                ledger.started();
            }
        }
        return true;
    }

    /** Returns the next message to send: replayed subscriptions first, then the link's pipe. */
    private Message nextOutgoing() {
        Message replayed = subscriptionReplay.poll();
        if (replayed != null) {
            return replayed;
        }
        Message message = link.outbound().read();
        if (message != null && sendsSubscriptions) {
            link.sentSubscriptions().record(message);
        }
        return message;
    }

    /** Returns the SUBSCRIBE/CANCEL command for a subscriber's message to a 3.1 peer, else null. */
    private byte[] subscriptionCommand(Message message) {
        if (!sendsSubscriptions || peerGreeting.minor() < ZmtpWire.VERSION_MINOR) {
            return null;
        }
        return SubscriptionWire.toCommand(message);
    }

    private void afterOutputDrained() {
        if (key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
        if (terminating && state == State.ACTIVE && encoder.isIdle() && commandsOut.isEmpty()
                && link.outbound().size() == 0) {
            close("closed after sending what was queued");
        }
    }

    /**
     * Closes after sending what is queued, or after {@code lingerNanos}. A connection still in its
     * handshake with messages queued for it finishes the handshake first. I/O thread only.
     *
     * @param lingerNanos the longest time to keep sending
     */
    void terminate(long lingerNanos) {
        if (state == State.CLOSED || terminating) {
            return;
        }
        terminating = true;
        if (lingerNanos == 0 || (state != State.ACTIVE && !owner.hasQueuedOutput())) {
            close("closed by the socket");
            return;
        }
        lingerTimer = io.schedule(lingerNanos, () -> close("linger expired"));
        if (state == State.ACTIVE) {
            flushOutput();
        }
    }

    private void onHandshakeTimeout() {
        if (state == State.GREETING || state == State.HANDSHAKE) {
            handshakeFailureReported = true;
            String reason = "handshake not finished within " + options.handshakeIntervalNanos() / 1_000_000 + " ms";
            events.emit(MonitorEventType.HANDSHAKE_FAILED_NO_DETAIL, channel, remoteAddress, peerIdentity, 0, reason);
            close(reason);
        }
    }

    /**
     * Closes the connection and tells the owner. I/O thread only; idempotent.
     *
     * @param reason why, for the log
     */
    void close(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        if ((state == State.GREETING || state == State.HANDSHAKE) && !handshakeFailureReported) {
            events.emit(MonitorEventType.HANDSHAKE_FAILED_NO_DETAIL, channel, remoteAddress, peerIdentity, 0, reason);
        }
        events.emit(MonitorEventType.DISCONNECTED, channel, remoteAddress, peerIdentity, 0, reason);
        state = State.CLOSED;
        heartbeat.stop();
        LOG.log(Level.DEBUG, "connection {0} closed: {1}", remoteAddress, reason);
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing " + remoteAddress + " failed", e);
        }
        if (receivesSubscriptions && link != null) {
            link.connectionEnded();
        }
        if (terminating && link != null) {
            link.addUnwrittenAtClose(ledger.unwritten());
        }
        owner.engineClosed(this, link);
    }

    String remoteAddress() {
        return remoteAddress;
    }

    /** Heartbeat: queues a PING at a message boundary. */
    void sendPing(int ttlDeciseconds) {
        if (state == State.ACTIVE) {
            queueCommand(Command.encodePing(ttlDeciseconds, new byte[0]));
        }
    }
}
