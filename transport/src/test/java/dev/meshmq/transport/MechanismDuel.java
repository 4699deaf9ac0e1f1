package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.meshmq.AuthenticationResult;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A client and a server of one mechanism, both real ({@link Mechanisms#create}), each behind a
 * {@link DuelSide}, and the wire between them in the fuzzer's hands ({@link FuzzChannel}). Each step the
 * fuzzer picks what happens next: a chunk one side wrote crosses the wire (intact or tampered with), a
 * waiting side gets its verdict (allow, deny with 400, 300 or 500, nobody to judge, a broken ZAP reply),
 * a forged command or raw bytes reach a side, an open side sends a message or a PING, or the clock moves
 * (CURVE cookie keys rotate). The first choice at every step is the honest one, so an empty input is a
 * complete, clean handshake followed by nothing; a seed that is a valid transcript lets the fuzzer change
 * one step of it.
 *
 * <p>What must hold, whatever the fuzzer does: only protocol errors and refusals close a side (any
 * other exception escapes); a side writes each handshake command at most once and nothing after
 * closing; with an untampered wire and allowing verdicts, both sides open and every message arrives
 * as sent; on CURVE, whatever the wire does, a side that opens has the peer's true socket type, the
 * server authenticates the client's true long-term key, and the frames a side receives are a
 * subsequence of those its peer sent (nothing forged, duplicated or reordered).
 *
 * <p>Thread-safety: confined to the harness's thread.
 */
final class MechanismDuel {

    /** Socket types that talk to each other; the first pair is the one an exhausted input uses. */
    static final SocketType[][] PAIRS = {
        {SocketType.DEALER, SocketType.ROUTER}, {SocketType.REQ, SocketType.REP}, {SocketType.PUSH, SocketType.PULL},
        {SocketType.SUB, SocketType.PUB}, {SocketType.PAIR, SocketType.PAIR}, {SocketType.CLIENT, SocketType.SERVER},
        {SocketType.XSUB, SocketType.XPUB}, {SocketType.DEALER, SocketType.DEALER},
    };
    private static final SocketType[] TYPES = SocketType.values();
    private static final int MAX_STEPS = 80;
    private static final int[] DENIALS = {AuthenticationResult.DENIED, AuthenticationResult.TEMPORARY_ERROR,
        AuthenticationResult.INTERNAL_ERROR};

    private final FuzzedDataProvider data;
    private final DuelSide client;
    private final DuelSide server;
    private final SocketType clientType;
    private final SocketType serverType;
    private final boolean compatible;
    private long clockNanos;
    private boolean tampered;
    private boolean denied;
    private boolean stale;

    /**
     * Sets up both sides.
     *
     * @param data the fuzzer's input
     * @param security the client's settings, then the server's, given the socket types
     */
    MechanismDuel(FuzzedDataProvider data, Settings security) {
        this.data = data;
        SocketType[] pair = data.pickValue(PAIRS);
        clientType = pair[0];
        serverType = data.consumeBoolean() ? data.pickValue(TYPES) : pair[1];
        compatible = clientType.isCompatibleWith(serverType);
        CurveCookieJar cookies = new CurveCookieJar(() -> clockNanos);
        client = new DuelSide("client", options(clientType, security.client()), true, cookies);
        server = new DuelSide("server", options(serverType, security.server()), false, cookies);
    }

    /** The two sides' security settings. */
    record Settings(SecuritySettings client, SecuritySettings server) {
    }

    private TransportOptions options(SocketType type, SecuritySettings security) {
        byte[] identity = data.consumeBytes(data.consumeInt(0, 3));
        long maxMessageSize = data.consumeBoolean() ? data.consumeLong(-1, 300) : -1;
        return new TransportOptions(type, 10, 10, 0, 1_000_000, 0, 0, maxMessageSize, -1, 0, false, identity,
                HeartbeatSettings.OFF, ReconnectRules.DEFAULT, false, 1, ConnectionSettings.DEFAULTS, security);
    }

    /** Runs the connection to its end (nothing left to do) or {@link #MAX_STEPS}; returns whether it ended. */
    boolean run() {
        for (int step = 0; step < MAX_STEPS; step++) {
            List<Runnable> moves = new ArrayList<>();
            if (!client.outbox.isEmpty()) {
                moves.add(() -> carry(client, server));
            }
            if (!server.outbox.isEmpty()) {
                moves.add(() -> carry(server, client));
            }
            if (server.awaitsVerdict()) {
                moves.add(() -> judge(server));
            }
            if (client.awaitsVerdict()) {
                moves.add(() -> judge(client));
            }
            if (data.remainingBytes() > 0) {
                addFuzzerMoves(moves);
            }
            if (moves.isEmpty()) {
                return true;
            }
            moves.get(data.consumeInt(0, moves.size() - 1)).run();
        }
        return false;
    }

    private void addFuzzerMoves(List<Runnable> moves) {
        if (client.isOpen()) {
            moves.add(() -> sendMessage(client));
        }
        if (server.isOpen()) {
            moves.add(() -> sendMessage(server));
        }
        moves.add(() -> inject(data.consumeBoolean() ? client : server));
        moves.add(this::moveClock);
    }

    /** Time passes; once a cookie key's rotation is due, a cookie on its way may be stale (as it should be). */
    private void moveClock() {
        clockNanos += data.consumeLong(0, 3 * CurveCookieJar.ROTATION_NANOS);
        stale |= clockNanos >= CurveCookieJar.ROTATION_NANOS;
    }

    private void carry(DuelSide from, DuelSide to) {
        byte[] chunk = from.outbox.poll();
        FuzzChannel.Fault fault = FuzzChannel.pickFault(data);
        tampered |= fault != FuzzChannel.Fault.NONE && fault != FuzzChannel.Fault.SPLIT;
        if (fault == FuzzChannel.Fault.DELAY) {
            from.outbox.add(chunk);
            return;
        }
        for (byte[] piece : FuzzChannel.apply(fault, chunk, data)) {
            to.receive(piece);
        }
    }

    private void judge(DuelSide side) {
        int choice = data.consumeInt(0, 4);
        Verdict verdict = switch (choice) {
            case 0 -> Verdict.judged(data.consumeBoolean()
                    ? AuthenticationResult.allow(data.consumeString(8), Map.of("X-Role", data.consumeString(8)))
                    : AuthenticationResult.allow(""));
            case 1 -> Verdict.judged(AuthenticationResult.deny(data.pickValue(DENIALS), "denied by the fuzzer"));
            case 2 -> Verdict.noJudge();
            case 3 -> Verdict.failed(ProtocolError.ZAP_MALFORMED_REPLY, "a broken ZAP reply");
            default -> Verdict.judged(AuthenticationResult.deny("denied by the fuzzer"));
        };
        denied |= choice != 0;
        side.judge(verdict);
    }

    private void inject(DuelSide side) {
        tampered = true;
        side.receive(data.consumeBoolean() ? FuzzChannel.forgeCommand(data)
                : data.consumeBytes(data.consumeInt(0, 300)));
    }

    private void sendMessage(DuelSide side) {
        if (data.consumeInt(0, 5) == 0) {
            side.sendCommand(Command.encodePing(data.consumeInt(0, 0xFFFF), data.consumeBytes(16)));
            return;
        }
        int frames = data.consumeInt(1, 3);
        List<Frame> parts = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            parts.add(Frame.of(data.consumeBytes(data.consumeInt(0, 200))));
        }
        side.sendMessage(Message.of(parts));
    }

    /**
     * Checks what must hold for every mechanism.
     *
     * @param ended whether {@link #run} ended with nothing left to do
     * @param expectOpen whether the settings let the two sides talk (no wrong key)
     */
    void checkCommon(boolean ended, boolean expectOpen) {
        for (DuelSide side : List.of(client, server)) {
            Set<String> once = new HashSet<>();
            for (String name : side.handshakeCommandsSent) {
                assertTrue(once.add(name), side.label + " wrote " + name + " twice: " + side.handshakeCommandsSent);
            }
        }
        if (expectOpen && !tampered && !denied && !stale && compatible && ended) {
            assertNotNull(client.peer(), () -> "clean handshake, client not open: " + client.failure()
                    + "; server: " + server.failure());
            assertNotNull(server.peer(), () -> "clean handshake, server not open: " + server.failure());
            assertTrue(onlyTooLarge(client.failure()), () -> "clean connection, client failed: " + client.failure());
            assertTrue(onlyTooLarge(server.failure()), () -> "clean connection, server failed: " + server.failure());
        }
        if (!tampered) {
            checkDelivered(client, server, true);
            checkDelivered(server, client, true);
        }
    }

    /** A clean connection may still close: a message over the receiver's MAX_MESSAGE_SIZE (fuzzer-chosen). */
    static boolean onlyTooLarge(Exception failure) {
        return failure == null
                || failure instanceof ZmtpProtocolException e && e.error() == ProtocolError.MESSAGE_TOO_LARGE;
    }

    /** Checks that what {@code to} received of {@code from}'s messages is a prefix (exact) or a subsequence. */
    static void checkDelivered(DuelSide from, DuelSide to, boolean exact) {
        checkDelivered(from.sentParts, to.receivedParts, exact, to.label + " from " + from.label);
    }

    /**
     * Checks that {@code received} is exactly a prefix of {@code sent} ({@code exact}), else a
     * subsequence of it: nothing received that was not sent, nothing twice, nothing out of order.
     */
    static <T> void checkDelivered(List<T> sent, List<T> received, boolean exact, String what) {
        int next = 0;
        for (T got : received) {
            if (exact) {
                assertTrue(next < sent.size() && same(sent.get(next), got),
                        what + ": received " + got + ", not the next one sent");
                next++;
                continue;
            }
            while (next < sent.size() && !same(sent.get(next), got)) {
                next++;
            }
            assertTrue(next < sent.size(), what + ": received " + got + ", not sent, or out of order, or twice");
            next++;
        }
    }

    private static boolean same(Object a, Object b) {
        return a instanceof DuelSide.Part p ? p.sameAs((DuelSide.Part) b) : a.equals(b);
    }

    /**
     * CURVE's promises: whatever the wire did, a side that opened has the other's true socket type, the
     * server authenticated the client's true key, and nothing was forged, repeated or reordered.
     *
     * @param clientLongTermPublic the client's long-term public key, or null for an ephemeral one
     */
    void checkCurve(byte[] clientLongTermPublic) {
        if (client.peer() != null) {
            assertEquals(serverType(), client.peer().socketType().orElseThrow(), "client opened on a forged READY");
        }
        if (server.request() != null && clientLongTermPublic != null) {
            assertTrue(Arrays.equals(clientLongTermPublic, server.request().clientPublicKey().orElseThrow()),
                    "server asked about a key the client does not have");
        }
        if (server.peer() != null) {
            assertEquals(clientType(), server.peer().socketType().orElseThrow(), "server opened on a forged INITIATE");
        }
        checkDelivered(client, server, false);
        checkDelivered(server, client, false);
    }

    SocketType clientType() {
        return clientType;
    }

    SocketType serverType() {
        return serverType;
    }

    DuelSide client() {
        return client;
    }

    DuelSide server() {
        return server;
    }

    boolean tampered() {
        return tampered;
    }
}
