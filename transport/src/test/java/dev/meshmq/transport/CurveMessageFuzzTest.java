package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.PeerMetadata;
import dev.meshmq.transport.curve.BoxKey;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.FrameDecoder;
import dev.meshmq.transport.zmtp.FrameHandler;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the MESSAGE boxes of an open CURVE connection, without the cost of a
 * handshake: a {@link CurveEncoder} seals the messages and commands (PING, SUBSCRIBE, CANCEL) the fuzzer
 * chooses with a fixed session key, from a nonce counter the fuzzer chooses (near 2^64 too), the wire
 * ({@link FuzzChannel}) tampers with each sealed message or replaces it with a forged MESSAGE command,
 * or raw bytes, and the other side reads the bytes in pieces as the engine does: a {@link FrameDecoder}
 * handing raw frames and commands to {@link CurveDecoder}, its size limit from the fuzzer.
 *
 * <p>What must hold: only a protocol error stops the reader; the frames and commands it gets are a
 * subsequence of those sealed (nothing forged, repeated or reordered gets through a box); on an
 * untampered wire, exactly those sealed; one execution allocates a bounded amount.
 */
class CurveMessageFuzzTest {

    private static final BoxKey SESSION = new BoxKey(CurveHandshakeFuzzTest.key(4));
    private static final int MAX_STEPS = 24;
    private static final PeerMetadata PEER = PeerMetadata.of(Map.of("Socket-Type", "DEALER"));

    @FuzzTest(maxDuration = "2h", maxExecutions = 10_000_000)
    void curveMessages(FuzzedDataProvider data) {
        long before = AllocationBound.allocated();
        boolean fromClient = data.consumeBoolean();
        long lastSent = data.consumeBoolean() ? data.consumeLong() : 1;
        long lastReceived = data.consumeBoolean() ? data.consumeLong() : lastSent;
        long maxMessageSize = data.consumeBoolean() ? data.consumeLong(-1, 300) : -1;
        CurveEncoder encoder = new CurveEncoder(new CurveCipher(SESSION, fromClient, lastSent, 0));
        Reader reader = new Reader(new CurveDecoder(new CurveCipher(SESSION, !fromClient, 0, lastReceived), PEER),
                maxMessageSize);
        List<DuelSide.Part> sent = new ArrayList<>();
        List<String> commandsSent = new ArrayList<>();
        // a counter that reaches 2^64 - 1 wraps (after 2^64 boxes: never in practice), and the reader refuses it
        boolean wraps = Long.compareUnsigned(lastSent, -1L - 2 * MAX_STEPS) > 0;
        boolean tampered = lastReceived != lastSent || wraps;
        int steps = data.consumeInt(0, MAX_STEPS);
        for (int i = 0; i < steps && reader.failure == null; i++) {
            byte[] chunk = seal(data, encoder, sent, commandsSent);
            FuzzChannel.Fault fault = FuzzChannel.pickFault(data);
            tampered |= fault != FuzzChannel.Fault.NONE && fault != FuzzChannel.Fault.SPLIT;
            List<byte[]> pieces = fault == FuzzChannel.Fault.DELAY
                    ? List.of(seal(data, encoder, sent, commandsSent), chunk)
                    : FuzzChannel.apply(fault, chunk, data);
            for (byte[] piece : pieces) {
                reader.read(piece);
            }
        }
        MechanismDuel.checkDelivered(sent, reader.parts, !tampered, "message boxes");
        MechanismDuel.checkDelivered(commandsSent, reader.commands, !tampered, "command boxes");
        if (!tampered) {
            assertTrue(MechanismDuel.onlyTooLarge(reader.failure),
                    () -> "an untampered stream failed: " + reader.failure);
        }
        AllocationBound.check(before);
    }

    /** Seals the next message or command the fuzzer picks; returns the whole encoded chunk. */
    private static byte[] seal(FuzzedDataProvider data, CurveEncoder encoder, List<DuelSide.Part> sent,
            List<String> commandsSent) {
        switch (data.consumeInt(0, 5)) {
            case 0 -> {
                byte[] topic = data.consumeBytes(data.consumeInt(0, 40));
                commandsSent.add(ZmtpWire.COMMAND_SUBSCRIBE);
                return encoder.sealCommand(Command.encodeSubscribe(topic));
            }
            case 1 -> {
                commandsSent.add(ZmtpWire.COMMAND_PING);
                return encoder.sealCommand(Command.encodePing(data.consumeInt(0, 0xFFFF), data.consumeBytes(16)));
            }
            default -> {
                int frames = data.consumeInt(1, 3);
                List<Frame> parts = new ArrayList<>();
                for (int i = 0; i < frames; i++) {
                    byte[] bytes = data.consumeBytes(data.consumeInt(0, 300));
                    parts.add(Frame.of(bytes));
                    sent.add(new DuelSide.Part(bytes, i == frames - 1));
                }
                encoder.start(Message.of(parts));
                ByteBuffer out = ByteBuffer.allocate(4096);
                encoder.encodeTo(out);
                return Arrays.copyOf(out.array(), out.position());
            }
        }
    }

    /** The reading side: frames go raw to the CURVE decoder, as on an open CURVE connection. */
    private static final class Reader implements FrameHandler {

        final List<DuelSide.Part> parts = new ArrayList<>();
        final List<String> commands = new ArrayList<>();
        private final CurveDecoder sealed;
        private final FrameDecoder decoder;
        private final FrameHandler opened = new FrameHandler() {
            @Override
            public boolean onMessage(Message message) {
                for (int i = 0; i < message.size(); i++) {
                    parts.add(new DuelSide.Part(message.frame(i).toByteArray(), i == message.size() - 1));
                }
                return true;
            }

            @Override
            public boolean onCommand(Command command) throws ZmtpProtocolException {
                commands.add(command.name());
                if (ZmtpWire.COMMAND_PING.equals(command.name())) {
                    command.pingTtlDeciseconds();
                    command.pingContext();
                }
                return true;
            }
        };
        ZmtpProtocolException failure;

        Reader(CurveDecoder sealed, long maxMessageSize) {
            this.sealed = sealed;
            this.decoder = new FrameDecoder(maxMessageSize);
            decoder.handFramesRaw();
        }

        void read(byte[] bytes) {
            if (failure != null) {
                return;
            }
            try {
                decoder.decode(ByteBuffer.wrap(bytes), this);
            } catch (ZmtpProtocolException e) {
                assertNotNull(e.getMessage());
                failure = e;
            }
        }

        @Override
        public boolean onMessage(Message message) {
            throw new AssertionError("a raw-frame decoder made a message");
        }

        @Override
        public boolean onCommand(Command command) throws ZmtpProtocolException {
            return sealed.openCommand(command, opened);
        }

        @Override
        public boolean onRawFrame(byte[] body) throws ZmtpProtocolException {
            return sealed.openFrame(body, opened);
        }
    }
}
