package dev.meshmq.transport.zmtp;

import dev.meshmq.Message;

/**
 * Receives what a {@link FrameDecoder} decodes. Returning false from either method asks the decoder
 * to stop right after this item (back-pressure); the handler has taken the item regardless.
 *
 * <p>Threading: called on the thread that calls {@link FrameDecoder#decode}, never concurrently.
 */
public interface FrameHandler {

    /**
     * Takes a complete multipart message.
     *
     * @param message the message, all frames present
     * @return true to keep decoding, false to stop after this message
     */
    boolean onMessage(Message message);

    /**
     * Takes a command frame.
     *
     * @param command the parsed command
     * @return true to keep decoding, false to stop after this command
     * @throws ZmtpProtocolException if the command is not acceptable; the decoder passes it on
     */
    boolean onCommand(Command command) throws ZmtpProtocolException;

    /**
     * Takes the whole body of a data frame, when the decoder hands frames over raw
     * ({@link FrameDecoder#handFramesRaw}: a CURVE connection, whose every frame is a sealed box).
     *
     * @param body the frame's body, the handler's to keep or change
     * @return true to keep decoding, false to stop after this frame
     * @throws ZmtpProtocolException if the frame is not acceptable; the decoder passes it on
     */
    default boolean onRawFrame(byte[] body) throws ZmtpProtocolException {
        throw new IllegalStateException("this handler takes no raw frames");
    }
}
