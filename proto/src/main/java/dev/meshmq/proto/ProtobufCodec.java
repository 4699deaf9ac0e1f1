package dev.meshmq.proto;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns one protobuf message type into MeshMQ frames and back, so applications send and receive
 * typed messages on any socket without handling bytes.
 *
 * <pre>{@code
 * ProtobufCodec<Job> jobs = ProtobufCodec.of(Job.parser());
 * push.send(jobs.toMessage(job));
 * Job received = jobs.decode(pull.receive().first());
 * }</pre>
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param <T> the message type
 */
public final class ProtobufCodec<T extends MessageLite> {

    private final Parser<T> parser;
    private final String typeName;

    private ProtobufCodec(Parser<T> parser, String typeName) {
        this.parser = parser;
        this.typeName = typeName;
    }

    /**
     * Returns a codec for the type the parser makes.
     *
     * @param parser the generated {@code parser()} of the message type
     * @param <T> the message type
     * @return the codec
     */
    public static <T extends MessageLite> ProtobufCodec<T> of(Parser<T> parser) {
        Objects.requireNonNull(parser, "parser");
        return new ProtobufCodec<>(parser, typeNameOf(parser));
    }

    /** Names the type by parsing the empty encoding, which every proto3 message accepts. */
    private static String typeNameOf(Parser<?> parser) {
        try {
            return parser.parseFrom(new byte[0]).getClass().getSimpleName();
        } catch (InvalidProtocolBufferException e) {
            return "protobuf message";
        }
    }

    /**
     * Encodes a message as one frame.
     *
     * @param value the message
     * @return its serialized bytes as a frame
     */
    public Frame encode(T value) {
        Objects.requireNonNull(value, "value");
        return Frame.wrap(value.toByteArray());
    }

    /**
     * Encodes a message as a single-frame MeshMQ message.
     *
     * @param value the message
     * @return the MeshMQ message
     */
    public Message toMessage(T value) {
        return Message.of(encode(value));
    }

    /**
     * Decodes a frame.
     *
     * @param frame the frame
     * @return the message
     * @throws ProtobufDecodeException if the frame is not a valid encoding of the type
     */
    public T decode(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        try {
            return parser.parseFrom(frame.asReadOnlyBuffer());
        } catch (InvalidProtocolBufferException e) {
            throw new ProtobufDecodeException("a " + frame.size() + "-byte frame is not a valid " + typeName
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a frame, reporting a bad one to {@code onError} instead of throwing.
     *
     * @param frame the frame
     * @param onError told about a frame that does not parse
     * @return the message, or empty if the frame did not parse
     */
    public Optional<T> tryDecode(Frame frame, Consumer<ProtobufDecodeException> onError) {
        try {
            return Optional.of(decode(frame));
        } catch (ProtobufDecodeException e) {
            onError.accept(e);
            return Optional.empty();
        }
    }

    /**
     * Returns the simple name of the message type, for messages.
     *
     * @return the type name
     */
    public String typeName() {
        return typeName;
    }
}
