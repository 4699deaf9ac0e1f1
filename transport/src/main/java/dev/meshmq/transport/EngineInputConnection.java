package dev.meshmq.transport;

import dev.meshmq.transport.zmtp.FrameDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * What the input side of a stream connection ({@link EngineInput}) sees of its engine.
 *
 * <p>Thread-safety: used under the connection's {@link DirectReceive} lock, by its I/O thread or by an
 * application thread reading directly; what only the I/O thread may do is posted there.
 */
final class EngineInputConnection implements EngineInput.Connection {

    private final StreamEngine engine;
    /** The engine's frame decoder, which lends large bodies for direct reads once the engine is active. */
    private final FrameDecoder decoder;
    private final IoThread io;
    private DirectReceive receiver;

    EngineInputConnection(StreamEngine engine, FrameDecoder decoder, IoThread io) {
        this.engine = engine;
        this.decoder = decoder;
        this.io = io;
    }

    /** Completes the construction: the direct reads whose lock guards this input. */
    DirectReceive attach(DirectReceive directReceive) {
        this.receiver = directReceive;
        return directReceive;
    }

    @Override
    public void decode(ByteBuffer in) {
        engine.decode(in);
    }

    @Override
    public ByteBuffer directTarget(int minimum) {
        return engine.state() == StreamEngine.State.ACTIVE ? decoder.directTarget(minimum) : null;
    }

    @Override
    public boolean isOpen() {
        return engine.state() != StreamEngine.State.CLOSED && !receiver.failed();
    }

    @Override
    public void close(String reason) {
        engine.close(reason);
    }

    @Override
    public void wantReads(boolean wanted) {
        // while the application thread watches the channel (DirectReceive) the I/O thread's key does not
        engine.setInterest(SelectionKey.OP_READ, wanted && receiver.ioThreadReads());
    }

    @Override
    public void inputArrived() {
        engine.heartbeat().onInput();
    }

    @Override
    public void pausedBySocket(boolean paused) {
        if (!io.isCurrentThread()) { // a direct read filled the pipe: the heartbeat's timers are the I/O thread's
            io.execute(engine.guarded(() -> pausedBySocket(paused)));
        } else if (paused) {
            engine.heartbeat().onInputPaused();
        } else {
            engine.heartbeat().onInputResumed();
        }
    }
}
