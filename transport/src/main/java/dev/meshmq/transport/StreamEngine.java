package dev.meshmq.transport;

import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.FrameDecoder;
import dev.meshmq.transport.zmtp.FrameHandler;
import dev.meshmq.transport.zmtp.Greeting;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One ZMTP connection over a stream channel (tcp or ipc), on one I/O thread: the handshake (greeting
 * and security mechanism, driven by {@link ZmtpHandshake}), then frames between the channel and the
 * link's pipes.
 *
 * <p>States: {@link State#GREETING} until the peer's 64-byte greeting is in, {@link State#HANDSHAKE}
 * until the mechanism has described the peer, {@link State#ACTIVE} while messages flow,
 * {@link State#CLOSED} at the end.
 * Every transition goes through {@link #moveTo}. Reading, and pausing while the socket's inbound pipe
 * is full, is {@link EngineInput}'s job. Any protocol violation, I/O error or failure of this
 * engine's own code closes this connection only.
 *
 * <p>Memory: an engine owns no codec buffer. It reads into and encodes into its I/O thread's shared
 * buffers ({@link IoBuffers}); its input side keeps a heap copy of undecoded bytes only while paused,
 * and its output side a buffer only while the channel has not taken all it was given.
 *
 * <p>After the handshake, {@link ActiveCommands} takes what comes in clear text; on a CURVE connection
 * {@link CurveDecoder} opens every box first, and {@link EngineOutput} seals what goes out. Writing is
 * {@link EngineWriter}'s job, the end after close {@link EngineLinger}'s.
 *
 * <p>Thread-safety: owned by its I/O thread; other threads reach it through tasks posted there
 * ({@link #terminateLater}, a failed direct write's close), each of which routes any Throwable to {@link #close},
 * except that a sending thread may write to the idle connection itself ({@link DirectSend}) and a receiving thread
 * read it ({@link DirectReceive}, whose lock guards the input side; what it cannot do it posts here).
 */
final class StreamEngine implements IoHandler, FrameHandler {

    /** The life of a connection. */
    enum State { GREETING, HANDSHAKE, ACTIVE, CLOSED }

    private static final System.Logger LOG = SafeLogger.of(StreamEngine.class);

    private final IoThread io;
    private final SocketChannel channel;
    private final TransportOptions options;
    private final EngineOwner owner;
    private final String remoteAddress;
    private final ZmtpHandshake handshake;
    private final Mechanism.Sink handshakeSink = this::sendHandshakeCommand;
    private final EngineHandshake steps;
    private final FrameDecoder frameDecoder;
    private final EngineOutput output;
    private final EngineWriter writer;
    private final EngineLinger linger;
    private final EngineInput input;
    private final DirectReceive receiver;
    private final Runnable resumeTask = guarded(this::onInboundWritable);
    private final ConnectionReport report;
    private final Heartbeat heartbeat;
    private final boolean receivesSubscriptions;
    private final EngineAuthentication authentication;
    private final ActiveCommands commands;
    private CurveDecoder sealedInput;
    private State state = State.GREETING;
    private SelectionKey key;
    private PeerLink link;
    private final HandshakeDeadline handshakeDeadline;

    StreamEngine(IoThread io, SocketChannel channel, TransportOptions options, EngineOwner owner,
            String remoteAddress, ConnectionEvents events, boolean connecting) {
        this.io = io;
        this.authentication = new EngineAuthentication(io, options,
                verdict -> guarded(() -> onVerdict(verdict)).run());
        this.handshake = new ZmtpHandshake(Mechanisms.create(new MechanismContext(options, connecting, remoteAddress,
                StreamChannels.peerHost(channel), authentication::ask, authentication.cookies())));
        this.steps = new EngineHandshake(this, handshake, handshakeSink);
        this.channel = channel;
        this.options = options;
        this.owner = owner;
        this.remoteAddress = remoteAddress;
        this.frameDecoder = new FrameDecoder(options.maxMessageSize(), options.maxMessageParts());
        frameDecoder.expectHandshake();
        this.output = new EngineOutput(io.buffers(), channel);
        this.writer = new EngineWriter(io, output, this);
        this.linger = new EngineLinger(io, this);
        EngineInputConnection inputConnection = new EngineInputConnection(this, frameDecoder, io);
        this.input = new EngineInput(channel, io.buffers(), inputConnection);
        this.receiver = inputConnection.attach(new DirectReceive(io, channel, input, this));
        this.receivesSubscriptions = SubscriptionWire.receivesSubscriptions(options.socketType());
        this.report = new ConnectionReport(events, channel, remoteAddress);
        this.heartbeat = new Heartbeat(io, options.heartbeat(), this);
        this.commands = new ActiveCommands(this, heartbeat, report, options.socketType());
        this.handshakeDeadline = new HandshakeDeadline(io, options.handshakeIntervalNanos(),
                guarded(this::onHandshakeTimeout));
    }

    /**
     * Starts the connection: sends the greeting and READY, and listens. I/O thread only.
     *
     * @param existingKey the channel's key if a connector registered it, else null
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
            output.queueCommand(handshake.start());
            handshakeDeadline.start();
            writer.flush();
        } catch (IOException e) {
            close("cannot start: " + e.getMessage());
        }
    }

    State state() {
        return state;
    }

    /** Returns whether the connection ended on a protocol error (the peer broke ZMTP or sent ERROR). */
    boolean failedOnProtocol() {
        return report.failedOnProtocol();
    }

    /** Returns whether reads are paused because the socket has not taken what came in. */
    boolean isInputPaused() {
        return input.isPaused();
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
            writer.flush();
        }
        if (state != State.CLOSED && selected.isValid() && selected.isReadable()) {
            receiver.readOnIoThread();
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        close("internal error: " + failure);
        LOG.log(Level.ERROR, "connection " + remoteAddress + " failed; it was closed", failure);
    }

    /** Decodes what {@code in} holds, stopping early when the inbound pipe is full. */
    void decode(ByteBuffer in) {
        try {
            if (state == State.GREETING) {
                handshake.readGreeting(in, handshakeSink);
                if (handshake.step() == ZmtpHandshake.Step.MECHANISM) {
                    moveTo(State.HANDSHAKE);
                }
            }
            if (state == State.HANDSHAKE || state == State.ACTIVE) {
                frameDecoder.decode(in, this);
            }
        } catch (ZmtpProtocolException e) {
            failOnProtocol(e);
        } finally {
            if (link != null) {
                link.inbound().releaseWakeup();
            }
        }
    }

    void failOnProtocol(ZmtpProtocolException e) {
        failOnProtocol(e.error().code(), MonitorEventType.HANDSHAKE_FAILED_PROTOCOL,
                "protocol error (" + e.error() + "): " + e.getMessage());
    }

    /** Closes after a protocol failure, reporting it as a handshake failure if it happened there. */
    void failOnProtocol(int code, MonitorEventType handshakeEvent, String reason) {
        if (receiver.failToIoThread(() -> failOnProtocol(code, handshakeEvent, reason))) {
            return;
        }
        report.protocolFailed();
        if (state == State.GREETING || state == State.HANDSHAKE) {
            report.handshakeFailed(handshakeEvent, code, reason);
        }
        close(reason);
    }

    /** The mechanism's bytes: written at once, so they are out before the connection judges the peer. */
    private void sendHandshakeCommand(byte[] frame) {
        output.queueCommand(frame);
        writer.flush();
    }

    @Override
    public boolean onCommand(Command command) throws ZmtpProtocolException {
        if (state == State.HANDSHAKE) {
            return steps.onCommand(command);
        }
        if (receiver.postToIoThread(() -> onCommandOnIoThread(command))) { // a direct read: PING, ERROR...
            return true;
        }
        return sealedInput != null ? sealedInput.openCommand(command, commands) : commands.onCommand(command);
    }

    private void onCommandOnIoThread(Command command) {
        try {
            onCommand(command);
        } catch (ZmtpProtocolException e) {
            failOnProtocol(e);
        }
    }

    private void onVerdict(Verdict verdict) {
        steps.onVerdict(verdict);
    }

    /** The handshake's steps ended with a described peer ({@link EngineHandshake}): messages may flow. */
    void onHandshakeDone(PeerInfo peer) {
        byte[] identity = peer.identity();
        handshakeDeadline.cancel();
        PeerLink served = owner.linkFor(this, peer);
        if (served == null) {
            close("the socket refused the peer");
            return;
        }
        link = served;
        frameDecoder.usePeer(peer.metadata());
        frameDecoder.handshakeDone();
        link.listenToInboundAsWriter(() -> io.execute(resumeTask));
        Pipe outbound = link.outbound();
        link.listenToOutboundAsReader(() -> writer.onOutboundReadable(outbound));
        moveTo(State.ACTIVE);
        report.handshakeSucceeded(identity);
        Greeting greeting = handshake.peerGreeting();
        heartbeat.start(greeting.major() > ZmtpWire.VERSION_MAJOR || greeting.minor() >= ZmtpWire.VERSION_MINOR);
        startSubscriptions(peer);
        writer.allowDirect(!linger.terminating());
        boolean directReads = sealedInput == null && !receivesSubscriptions && !linger.terminating();
        receiver.underLock(() -> receiver.allow(directReads));
        link.offerDirectReceive(receiver);
        writer.flush();
    }

    /**
     * Sending starts (a subscriber replays what earlier connections of its link sent); a publisher whose
     * link could not be told that the previous connection ended is told now, before new subscriptions.
     */
    private void startSubscriptions(PeerInfo peer) {
        CurveCipher cipher = handshake.cipher();
        if (cipher != null) {
            sealedInput = new CurveDecoder(cipher, peer.metadata(), options.maxMessageParts());
            frameDecoder.handFramesRaw();
        }
        output.start(new OutgoingMessages(link, options, handshake.peerGreeting().minor()), cipher);
        if (receivesSubscriptions && link.takeConnectionEndPending()) {
            deliver(PeerLink.CONNECTION_ENDED);
        }
    }

    @Override
    public boolean onMessage(Message message) {
        if (state != State.ACTIVE) {
            close("protocol error: peer sent a message before completing the handshake");
            return false;
        }
        return deliver(message);
    }

    @Override
    public boolean onRawFrame(byte[] body) throws ZmtpProtocolException {
        return sealedInput.openFrame(body, commands);
    }

    /** A clear-text message for the socket: into the inbound pipe, or held while it is full. */
    boolean deliver(Message message) {
        if (state != State.ACTIVE) {
            return false;
        }
        // one wake-up for the reader per decoded batch: decode releases it
        if (link.inbound().writeHoldingWakeup(message)) {
            return true;
        }
        input.hold(message);
        return false;
    }

    /** The socket drained the inbound pipe: the input side delivers what it held and reads on. */
    private void onInboundWritable() {
        if (state == State.ACTIVE) {
            receiver.underLock(() -> input.retry(link.inbound()));
        }
    }

    void setInterest(int operation, boolean wanted) {
        StreamChannels.setInterest(key, operation, wanted);
    }

    /** The output drained: a terminating connection with nothing queued closes. */
    void closeIfTerminatedAndDrained() {
        if (linger.terminating() && state == State.ACTIVE && output.isIdle() && link.outbound().size() == 0) {
            close("closed after sending what was queued");
        }
    }

    /** Posts {@link #terminate} to its I/O thread. Any thread. */
    void terminateLater(long lingerNanos) {
        io.execute(guarded(() -> terminate(lingerNanos)));
    }

    /** Closes after sending what is queued, or after {@code lingerNanos} (see {@link EngineLinger}). */
    void terminate(long lingerNanos) {
        writer.allowDirect(false);
        receiver.underLock(() -> receiver.allow(false));
        linger.terminate(lingerNanos, owner::hasQueuedOutput);
    }

    void flushNow() {
        writer.flush();
    }

    private void onHandshakeTimeout() {
        if (state == State.GREETING || state == State.HANDSHAKE) {
            String reason = "handshake not finished within " + options.handshakeIntervalNanos() / 1_000_000 + " ms";
            report.handshakeFailed(MonitorEventType.HANDSHAKE_FAILED_NO_DETAIL, 0, reason);
            close(reason);
        }
    }

    /**
     * Closes the connection and tells the owner. I/O thread only; idempotent.
     *
     * @param reason why, for the log and the DISCONNECTED event
     */
    void close(String reason) {
        if (!receiver.failToIoThread(() -> close(reason)) && state != State.CLOSED) {
            // an application thread writing directly holds the output lock: release the output after it
            writer.underLock(() -> closeLocked(reason));
        }
    }

    private void closeLocked(String reason) {
        writer.allowDirect(false);
        receiver.underLock(receiver::stop); // waits for a direct read under way
        if (link != null && !owner.keepsLinks()) {
            link.outbound().closeReading(); // before DISCONNECTED: once it is seen, nothing can queue here
        }
        report.closed(state == State.GREETING || state == State.HANDSHAKE, reason);
        state = State.CLOSED;
        heartbeat.stop();
        handshake.release();
        output.release();
        input.release();
        LOG.log(Level.DEBUG, "connection {0} closed: {1}", remoteAddress, reason);
        handshakeDeadline.cancel();
        linger.cancel();
        if (key != null) {
            key.cancel();
        }
        StreamChannels.closeGracefully(channel, remoteAddress);
        if (receivesSubscriptions && link != null) {
            link.connectionEnded();
        }
        if (link != null) {
            link.withdrawDirectReceive(receiver);
            link.addUnwritten(output.unwritten(), linger.terminating());
        }
        owner.engineClosed(this, link);
    }

    PeerLink link() {
        return link;
    }

    Heartbeat heartbeat() {
        return heartbeat;
    }

    String remoteAddress() {
        return remoteAddress;
    }

    /** Heartbeat: a PING, or an unasked PONG, for {@link EngineWriter#sendHeartbeat}, while active. */
    void sendHeartbeat(byte[] frame, boolean pong) {
        if (state == State.ACTIVE) {
            writer.sendHeartbeat(frame, pong);
        }
    }
}
