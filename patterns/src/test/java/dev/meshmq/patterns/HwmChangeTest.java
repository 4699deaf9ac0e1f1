package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.PeerStatistics;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.Worker;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SEND_HWM and RECEIVE_HWM set after connect or bind apply to the existing connections, as in libzmq
 * (test_sockopt_hwm; verified on libzmq 4.3.4: inproc SEND_HWM 1 -> 5 after connect with RECEIVE_HWM 1
 * lets 6 messages in).
 */
class HwmChangeTest extends MeshTestSupport {

    /** Large messages keep what the kernel buffers on tcp/ipc to a small count. */
    private static final int PAYLOAD = 128 * 1024;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void inprocSendHwmRaisedAfterConnectAppliesToTheExistingPipe(boolean bindFirst) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        pull.set(SocketOptions.RECEIVE_HWM, 1);
        push.set(SocketOptions.SEND_HWM, 1);
        String endpoint = Endpoints.fresh("inproc");
        if (bindFirst) {
            pull.bind(endpoint);
            push.connect(endpoint);
        } else {
            push.connect(endpoint);
            pull.bind(endpoint);
        }
        push.set(SocketOptions.SEND_HWM, 5);
        assertEquals(6, countAccepted(push, 0), "SEND_HWM 5 + RECEIVE_HWM 1, as in libzmq");
        expectInOrder(pull, "m", 0, 6);
    }

    @Test
    void inprocReceiveHwmRaisedAfterBindAppliesToTheExistingPipe() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        pull.set(SocketOptions.RECEIVE_HWM, 1);
        push.set(SocketOptions.SEND_HWM, 1);
        push.connect(pull.bind(Endpoints.fresh("inproc")));
        pull.set(SocketOptions.RECEIVE_HWM, 4);
        assertEquals(5, countAccepted(push, 0), "SEND_HWM 1 + RECEIVE_HWM 4");
        push.set(SocketOptions.SEND_HWM, 2);
        assertEquals(1, countAccepted(push, 5), "SEND_HWM 2 + RECEIVE_HWM 4 holds one more");
        expectInOrder(pull, "m", 0, 6);
    }

    /** The pipe from a binding sender to a connecting receiver, changed from both ends. */
    @Test
    void inprocMarksOfABindingSenderAndAConnectingReceiverApplyToTheExistingPipe() {
        Context context = newContext();
        PushSocket push = context.createPush();
        PullSocket pull = context.createPull();
        push.set(SocketOptions.SEND_HWM, 1);
        pull.set(SocketOptions.RECEIVE_HWM, 1);
        pull.connect(push.bind(Endpoints.fresh("inproc")));
        pull.set(SocketOptions.RECEIVE_HWM, 3);
        push.set(SocketOptions.SEND_HWM, 4);
        assertEquals(7, countAccepted(push, 0), "SEND_HWM 4 + RECEIVE_HWM 3");
        expectInOrder(pull, "m", 0, 7);
    }

    /** A send blocked at the old mark goes through when the receiver raises its mark, without any read. */
    @Test
    void raisingTheMarkWakesASenderBlockedByTheOldOne() {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        pull.set(SocketOptions.RECEIVE_HWM, 1);
        push.set(SocketOptions.SEND_HWM, 1);
        push.connect(pull.bind(Endpoints.fresh("inproc")));
        assertEquals(2, countAccepted(push, 0));
        Worker<Boolean> blocked = background("blocked-send", () -> push.send(numbered("m", 2), TIMEOUT));
        blocked.awaitBlocked();
        assertFalse(blocked.isDone(), "the send must wait for room first");
        pull.set(SocketOptions.RECEIVE_HWM, 10);
        assertTrue(blocked.value(Duration.ofSeconds(5)), "the blocked send must complete once the mark is raised");
        expectInOrder(pull, "m", 0, 3);
    }

    /**
     * Over tcp and ipc the kernel buffers a varying number of messages between the sockets (on ipc it
     * held 9 to 17 of these 128 KiB messages depending on how the writes were cut), so the raise is
     * checked where it acts: the pipe whose mark was raised fills up to the new mark.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void sendHwmRaisedOnAConnectedStreamSocketLetsMoreIn(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        pull.set(SocketOptions.RECEIVE_HWM, 1);
        push.set(SocketOptions.SEND_HWM, 1);
        push.connect(pull.bind(Endpoints.fresh(transport)));
        byte[] payload = new byte[PAYLOAD];
        int first = fillUntilBlocked(push, "m", 0, payload, 1000);
        push.set(SocketOptions.SEND_HWM, 50);
        int more = sendUntil(push, first, payload, () -> onlyPeer(push).queuedOut() == 50);
        assertEquals(50, onlyPeer(push).sendHwm());
        expectInOrder(pull, "m", 0, first + more);
    }

    /** As above, for the inbound pipe of a bound receiver whose connection was paused by the old mark. */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc"})
    void receiveHwmRaisedOnABoundStreamSocketLetsMoreIn(String transport) {
        Context context = newContext();
        PullSocket pull = context.createPull();
        PushSocket push = context.createPush();
        pull.set(SocketOptions.RECEIVE_HWM, 1);
        push.set(SocketOptions.SEND_HWM, 1);
        push.connect(pull.bind(Endpoints.fresh(transport)));
        byte[] payload = new byte[PAYLOAD];
        int first = fillUntilBlocked(push, "m", 0, payload, 1000);
        assertEquals(1, onlyPeer(pull).queuedIn(), "the old mark holds one message in the pipe");
        pull.set(SocketOptions.RECEIVE_HWM, 50);
        int more = sendUntil(push, first, payload, () -> onlyPeer(pull).queuedIn() == 50);
        assertEquals(50, onlyPeer(pull).receiveHwm());
        expectInOrder(pull, "m", 0, first + more);
    }

    /**
     * Sends numbered messages until {@code filled} holds, each send given up to a second (a busy machine
     * drains slowly); fails if it does not hold within TIMEOUT.
     */
    private static int sendUntil(PushSocket push, int first, byte[] payload, BooleanSupplier filled) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int sent = 0;
        while (!filled.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the raised mark's pipe did not fill within " + TIMEOUT
                    + " (" + sent + " more messages went)");
            if (push.send(numbered("m", first + sent, payload), Duration.ofSeconds(1))) {
                sent++;
            }
        }
        return sent;
    }

    private static PeerStatistics onlyPeer(Socket socket) {
        List<PeerStatistics> peers = socket.statistics().peers();
        assertEquals(1, peers.size(), "peers: " + peers);
        return peers.get(0);
    }

    private static int countAccepted(PushSocket push, int first) {
        int accepted = 0;
        while (accepted < 1000 && push.trySend(numbered("m", first + accepted))) {
            accepted++;
        }
        return accepted;
    }
}
