package dev.meshmq.transport;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

/**
 * What the input side of a stream connection ({@link EngineInput}) sees of its engine.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class EngineInputConnection implements EngineInput.Connection {

    private final StreamEngine engine;

    EngineInputConnection(StreamEngine engine) {
        this.engine = engine;
    }

    @Override
    public void decode(ByteBuffer in) {
        engine.decode(in);
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
