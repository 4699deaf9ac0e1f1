package dev.meshmq.transport;

import dev.meshmq.transport.zmtp.FrameDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * What the input side of a stream connection ({@link EngineInput}) sees of its engine.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class EngineInputConnection implements EngineInput.Connection {

    private final StreamEngine engine;
    /** The engine's frame decoder, which lends large bodies for direct reads once the engine is active. */
    private final FrameDecoder decoder;

    EngineInputConnection(StreamEngine engine, FrameDecoder decoder) {
        this.engine = engine;
        this.decoder = decoder;
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
        return engine.state() != StreamEngine.State.CLOSED;
    }

    @Override
    public void close(String reason) {
        engine.close(reason);
    }

    @Override
    public void wantReads(boolean wanted) {
        engine.setInterest(SelectionKey.OP_READ, wanted);
    }

    @Override
    public void inputArrived() {
        engine.heartbeat().onInput();
    }

    @Override
    public void pausedBySocket(boolean paused) {
        if (paused) {
            engine.heartbeat().onInputPaused();
        } else {
            engine.heartbeat().onInputResumed();
        }
    }
}
