package dev.meshmq.transport;

import dev.meshmq.Message;
import dev.meshmq.PeerMetadata;
import dev.meshmq.transport.curve.BoxOpenException;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.FrameHandler;
import dev.meshmq.transport.zmtp.MessageAssembler;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import java.util.Arrays;

/**
 * Opens the MESSAGE boxes of a CURVE connection back into frames and commands: checks the name, that
 * the nonce goes up, and the tag, and decrypts the frame's bytes straight into the array that becomes
 * the received frame (the flags byte aside; no copy after opening), then hands complete messages
 * (frames gathered until one without MORE) and commands (the COMMAND flag) to the clear-text handler.
 * A MESSAGE too short to hold its nonce, tag and flags, a wrong name, a nonce that does not go up or a
 * box that does not open is a protocol error: the connection closes; so is a message of more frames than
 * MAX_MESSAGE_PARTS allows (see {@link MessageAssembler}).
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class CurveDecoder {

    private static final int NAME = CurveEncoder.MESSAGE_NAME.length;
    private static final int MIN_DATA = CurveBoxes.SHORT_NONCE + CurveBoxes.TAG + 1;

    private final CurveCipher cipher;
    private final MessageAssembler assembler;

    CurveDecoder(CurveCipher cipher, PeerMetadata peer) {
        this(cipher, peer, MessageAssembler.NO_LIMIT);
    }

    CurveDecoder(CurveCipher cipher, PeerMetadata peer, int maxMessageParts) {
        this.cipher = cipher;
        this.assembler = new MessageAssembler(maxMessageParts);
        assembler.usePeer(peer);
    }

    /**
     * Opens a MESSAGE that arrived in a data frame (libzmq's way), in the frame's own array.
     *
     * @param body the frame's body, a whole MESSAGE command body
     * @param handler where the clear-text frames and commands go
     * @return false if the handler asked to stop
     * @throws ZmtpProtocolException if the box is malformed, replayed or forged
     */
    boolean openFrame(byte[] body, FrameHandler handler) throws ZmtpProtocolException {
        if (body.length < NAME || !Arrays.equals(body, 0, NAME, CurveEncoder.MESSAGE_NAME, 0, NAME)) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_MESSAGE,
                    "a CURVE connection carries only MESSAGE boxes after its handshake");
        }
        return open(body, NAME, handler);
    }

    /**
     * Opens a MESSAGE that arrived as a command frame (RFC 26's way); any other command is an error.
     *
     * @param command the command
     * @param handler where the clear-text frames and commands go
     * @return false if the handler asked to stop
     * @throws ZmtpProtocolException if it is not a MESSAGE, or the box is malformed, replayed or forged
     */
    boolean openCommand(Command command, FrameHandler handler) throws ZmtpProtocolException {
        if (!CurveEncoder.MESSAGE.equals(command.name())) {
            throw new ZmtpProtocolException(ProtocolError.UNEXPECTED_COMMAND,
                    "a CURVE connection carries only MESSAGE after its handshake, not " + command.name());
        }
        return open(command.data(), 0, handler);
    }

    private boolean open(byte[] src, int at, FrameHandler handler) throws ZmtpProtocolException {
        int length = src.length - at;
        if (length < MIN_DATA) {
            throw new ZmtpProtocolException(ProtocolError.MALFORMED_COMMAND_MESSAGE,
                    "a CURVE MESSAGE has " + length + " bytes after its name, fewer than " + MIN_DATA);
        }
        byte[] nonce = cipher.receiveNonce(src, at);
        int boxAt = at + CurveBoxes.SHORT_NONCE;
        byte[] content = new byte[length - MIN_DATA];
        int flags;
        try {
            flags = cipher.openKey().openLeadingByte(nonce, src, boxAt, src.length - boxAt, content, 0);
        } catch (BoxOpenException e) {
            throw new ZmtpProtocolException(ProtocolError.CRYPTOGRAPHIC, "CURVE MESSAGE: " + e.getMessage());
        }
        if ((flags & CurveEncoder.FLAG_COMMAND) != 0) {
            return handler.onCommand(Command.parse(content));
        }
        assembler.checkRoomForOneMore();
        Message message = assembler.add(content, (flags & CurveEncoder.FLAG_MORE) != 0);
        return message == null || handler.onMessage(message);
    }
}
