package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.ChannelSocket;
import dev.meshmq.Context;
import dev.meshmq.GatherSocket;
import dev.meshmq.HostUnreachableException;
import dev.meshmq.Message;
import dev.meshmq.PeerSocket;
import dev.meshmq.ScatterSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.testsupport.Endpoints;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SCATTER/GATHER, PEER and CHANNEL: their contracts over tcp, ipc and inproc. */
class DraftSocketsTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void scatterRoundRobinsToGathersWhichFairQueue(String transport) {
        Context context = newContext();
        ScatterSocket scatter = context.createScatter();
        String endpoint = scatter.bind(Endpoints.fresh(transport));
        GatherSocket first = context.createGather();
        GatherSocket second = context.createGather();
        first.connect(endpoint);
        second.connect(endpoint);
        awaitTwoPeers(scatter, first, second);
        for (int i = 0; i < 10; i++) {
            scatter.send(Message.of("m" + i));
        }
        int fromFirst = drain(first).size();
        int fromSecond = drain(second).size();
        assertEquals(10, fromFirst + fromSecond);
        assertEquals(5, fromFirst, "round-robin");
        assertThrows(IllegalArgumentException.class, () -> scatter.send(Message.of("a", "b")), "single-frame only");
    }

    /** Sends probes until both gathers got one, so both links are up before counting. */
    private void awaitTwoPeers(ScatterSocket scatter, GatherSocket first, GatherSocket second) {
        boolean[] got = new boolean[2];
        for (long deadline = System.nanoTime() + TIMEOUT.toNanos(); !(got[0] && got[1]);) {
            assertTrue(System.nanoTime() < deadline, "both GATHERs connected");
            scatter.send(Message.of("probe"));
            got[0] |= first.receive(SHORT).isPresent();
            got[1] |= second.receive(SHORT).isPresent();
        }
        drain(first);
        drain(second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void gatherFairQueuesFromSeveralScattersAndIsSharedByThreads(String transport) throws Exception {
        Context context = newContext();
        GatherSocket gather = context.createGather();
        String endpoint = gather.bind(Endpoints.fresh(transport));
        List<ScatterSocket> scatters = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            ScatterSocket scatter = context.createScatter();
            scatter.connect(endpoint);
            scatters.add(scatter);
        }
        Set<String> received = ConcurrentHashMap.newKeySet();
        var readers = new ArrayList<dev.meshmq.testsupport.Worker<Integer>>();
        for (int r = 0; r < 3; r++) {
            readers.add(background("reader-" + r, () -> {
                int count = 0;
                while (received.size() < 300 && gather.receive(QUIET).map(m -> received.add(m.string(0))).isPresent()) {
                    count++;
                }
                return count;
            }));
        }
        var writers = new ArrayList<dev.meshmq.testsupport.Worker<Void>>();
        for (int s = 0; s < 3; s++) {
            ScatterSocket scatter = scatters.get(s);
            int from = s;
            writers.add(background("writer-" + s, () -> {
                for (int i = 0; i < 100; i++) {
                    scatter.send(Message.of(from + ":" + i));
                }
                return null;
            }));
        }
        for (var writer : writers) {
            writer.value(TIMEOUT);
        }
        int total = 0;
        for (var reader : readers) {
            total += reader.value(TIMEOUT);
        }
        assertEquals(300, received.size(), "every message once, whichever thread read it");
        assertEquals(300, total);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void peersAddressEachOtherByRoutingId(String transport) {
        Context context = newContext();
        PeerSocket alice = context.createPeer();
        String endpoint = alice.bind(Endpoints.fresh(transport));
        PeerSocket bob = context.createPeer();
        int aliceId = bob.connectPeer(endpoint);
        assertNotEquals(0, aliceId);
        bob.send(Message.of("hi alice").withRoutingId(aliceId));
        Message atAlice = alice.receive(TIMEOUT).orElseThrow();
        assertEquals("hi alice", atAlice.string(0));
        assertNotEquals(0, atAlice.routingId());
        alice.send(Message.of("hi bob").withRoutingId(atAlice.routingId()));
        Message atBob = bob.receive(TIMEOUT).orElseThrow();
        assertEquals("hi bob", atBob.string(0));
        assertEquals(aliceId, atBob.routingId(), "the reply comes from the connection connectPeer named");
        assertThrows(HostUnreachableException.class, () -> bob.send(Message.of("x").withRoutingId(aliceId + 1)));
        assertThrows(IllegalArgumentException.class, () -> bob.send(Message.of("no id")));
        assertThrows(IllegalArgumentException.class, () -> bob.send(Message.of("a", "b").withRoutingId(aliceId)));
    }

    @Test
    void connectPeerGivesEachConnectionItsOwnIdAndMessagesWaitForTheConnection() {
        Context context = newContext();
        PeerSocket hub = context.createPeer();
        String endpoint = Endpoints.fresh("inproc");
        int early = hub.connectPeer(endpoint);
        hub.send(Message.of("queued before the bind").withRoutingId(early));
        PeerSocket late = context.createPeer();
        late.bind(endpoint);
        assertEquals("queued before the bind", late.receive(TIMEOUT).orElseThrow().string(0));
        PeerSocket other = context.createPeer();
        int second = hub.connectPeer(other.bind(Endpoints.fresh("tcp")));
        assertNotEquals(early, second);
        Set<Integer> ids = new HashSet<>(List.of(early, second));
        assertEquals(2, ids.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void channelIsAnExclusiveSingleFramePair(String transport) {
        Context context = newContext();
        ChannelSocket left = context.createChannel();
        String endpoint = left.bind(Endpoints.fresh(transport));
        ChannelSocket right = context.createChannel();
        right.connect(endpoint);
        right.send(Message.of("ping"));
        assertEquals("ping", left.receive(TIMEOUT).orElseThrow().string(0));
        left.send(Message.of("pong"));
        assertEquals("pong", right.receive(TIMEOUT).orElseThrow().string(0));
        ChannelSocket intruder = context.createChannel();
        intruder.set(SocketOptions.LINGER, java.time.Duration.ZERO);
        intruder.connect(endpoint);
        intruder.trySend(Message.of("let me in"));
        assertFalse(left.receive(QUIET).isPresent(), "a second peer is refused");
        assertThrows(IllegalArgumentException.class, () -> left.send(Message.of("a", "b")));
    }

    private static List<String> drain(GatherSocket gather) {
        List<String> messages = new ArrayList<>();
        for (var m = gather.receive(SHORT); m.isPresent(); m = gather.receive(SHORT)) {
            messages.add(m.get().string(0));
        }
        return messages;
    }
}
