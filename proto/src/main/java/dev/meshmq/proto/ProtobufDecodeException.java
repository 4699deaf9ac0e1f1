package dev.meshmq.proto;

import dev.meshmq.MeshException;

/**
 * A frame did not parse as the expected protobuf message. The frame is lost, nothing else: a
 * receiving loop can catch this and carry on.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class ProtobufDecodeException extends MeshException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the expected type and the frame size
     * @param cause the parser's complaint
     */
    public ProtobufDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
