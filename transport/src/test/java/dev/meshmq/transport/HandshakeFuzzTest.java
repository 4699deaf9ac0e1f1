package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.FrameDecoder;
import dev.meshmq.transport.zmtp.FrameHandler;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the NULL handshake as the engine drives it: the peer's bytes go through
 * {@link ZmtpHandshake} (greeting), a {@link FrameDecoder} whose commands go to the handshake until it is
 * done, and then to what the engine does with PING, SUBSCRIBE and CANCEL. For any bytes, any local socket
 * type and either side of the connection, the only exceptions are {@link ZmtpProtocolException} and
 * {@link HandshakeRefusedException}; a completed handshake has sent exactly one READY, and everything this
 * side sent parses as commands.
 *
 * <p>PLAIN and CURVE get their own harnesses once they exist behind {@link Mechanism} (branch sec-engine):
 * the same driver with their mechanism, plus their boxes.
 */
class HandshakeFuzzTest {

    private static final SocketType[] TYPES = SocketType.values();

    @FuzzTest(maxDuration = "2h", maxExecutions = 10_000_000)
    void nullHandshake(FuzzedDataProvider data) {
        SocketType type = data.pickValue(TYPES);
        boolean connecting = data.consumeBoolean();
        byte[] identity = data.consumeBytes(data.consumeInt(0, 3));
        byte[] cuts = data.consumeBytes(4);
        byte[] stream = data.consumeRemainingAsBytes();
        TransportOptions options = new TransportOptions(type, 10, 10, 0, 1_000_000, 0, 0, 4096, -1, 0, false,
                identity, HeartbeatSettings.OFF, ReconnectRules.DEFAULT, false, 1, ConnectionSettings.DEFAULTS,
                SecuritySettings.NONE);
        MechanismContext context = new MechanismContext(options, connecting, "tcp://fuzz:1", "fuzz",
                request -> { }, null);
        Driver driver = new Driver(new ZmtpHandshake(new NullMechanism(context)));
        try {
            driver.run(stream, cuts);
        } catch (ZmtpProtocolException | HandshakeRefusedException e) {
            assertNotNull(e.getMessage());
        }
        driver.checkSent();
    }

    /** Plays the engine's part for one connection: handshake first, then the commands of an open one. */
    private static final class Driver implements FrameHandler {

        private final ZmtpHandshake handshake;
        private final FrameDecoder decoder = new FrameDecoder(4096);
        private final List<byte[]> sent = new ArrayList<>();
        private PeerInfo peer;
        private HandshakeRefusedException refused;
        private boolean closed;

        Driver(ZmtpHandshake handshake) {
            this.handshake = handshake;
            sent.add(handshake.start());
        }

        void run(byte[] stream, byte[] cuts) throws ZmtpProtocolException, HandshakeRefusedException {
            ByteBuffer in = ByteBuffer.wrap(stream);
            int cut = 0;
            while (in.hasRemaining()) {
                int size = cuts.length == 0 ? in.remaining() : 1 + (cuts[cut++ % cuts.length] & 0x7F);
                ByteBuffer piece = in.slice().limit(Math.min(size, in.remaining()));
                if (handshake.step() == ZmtpHandshake.Step.GREETING) {
                    handshake.readGreeting(piece, sent::add);
                }
                if (handshake.step() != ZmtpHandshake.Step.GREETING) {
                    decoder.decode(piece, this);
                    if (refused != null) {
                        throw refused;
                    }
                    if (closed) {
                        return;
                    }
                    assertEquals(0, piece.remaining(), "the driver never pushes back");
                }
                in.position(in.position() + piece.position());
            }
        }

        @Override
        public boolean onMessage(Message message) {
            // the engine closes a connection whose peer sends a message before the handshake is done
            closed = peer == null;
            return !closed;
        }

        @Override
        public boolean onCommand(Command command) throws ZmtpProtocolException {
            if (peer == null) {
                try {
                    peer = handshake.onCommand(command, sent::add);
                } catch (HandshakeRefusedException e) {
                    refused = e;
                    return false;
                }
                return true;
            }
            switch (command.name()) {
                case ZmtpWire.COMMAND_PING -> {
                    command.pingTtlDeciseconds();
                    sent.add(Command.encodePong(command.pingContext()));
                }
                case ZmtpWire.COMMAND_SUBSCRIBE, ZmtpWire.COMMAND_CANCEL ->
                        assertTrue(SubscriptionWire.isSubscription(SubscriptionWire.fromCommand(command)));
                default -> command.data();
            }
            return true;
        }

        /** What this side sent: the greeting's two parts, then commands that parse, one READY at most. */
        void checkSent() {
            int readies = 0;
            for (int i = 2; i < sent.size(); i++) {
                List<String> names = new ArrayList<>();
                try {
                    new FrameDecoder(-1).decode(ByteBuffer.wrap(sent.get(i)), new Names(names));
                } catch (ZmtpProtocolException e) {
                    throw new AssertionError("this side sent a frame it cannot decode itself", e);
                }
                assertEquals(1, names.size());
                readies += names.get(0).equals(ZmtpWire.COMMAND_READY) ? 1 : 0;
            }
            assertTrue(readies <= 1, "READY sent " + readies + " times");
            assertTrue(peer == null || readies == 1, "handshake done without this side's READY");
        }
    }

    /** Collects the names of decoded commands. */
    private record Names(List<String> names) implements FrameHandler {

        @Override
        public boolean onMessage(Message message) {
            throw new AssertionError("this side sent a message during the handshake");
        }

        @Override
        public boolean onCommand(Command command) {
            names.add(command.name());
            return true;
        }
    }
}
