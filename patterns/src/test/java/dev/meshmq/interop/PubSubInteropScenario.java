package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.PubSocket;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.Socket;
import dev.meshmq.SubSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.XSubSocket;
import dev.meshmq.interop.InteropScenario.Binder;
import dev.meshmq.interop.InteropScenario.PeerLauncher;
import dev.meshmq.interop.InteropScenario.Transport;
import dev.meshmq.testsupport.Endpoints;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One publish-subscribe exchange between a MeshMQ socket and a peer of another implementation: the
 * subscriber subscribes to {@value #TOPIC}, the publisher publishes matching and non-matching
 * messages, and only the matching ones may reach the subscriber. Where the receiving side does not
 * filter locally (XSUB) or the publisher is MeshMQ (its statistics count what left it), this checks
 * that filtering happened at the publisher, so the subscription crossed the wire in the form the
 * peer's ZMTP version calls for (commands for libzmq's 3.1, messages for JeroMQ's 3.0).
 */
final class PubSubInteropScenario {

    static final String TOPIC = "keep";

    /** What the publisher sends, in order: matching and non-matching, single and multipart. */
    static final List<String> PUBLISHED = List.of(text("keep-0"), text("drop-0"),
            text("keep-1") + ":" + text("part"), text("drop-1") + ":" + text("part"), text("kee-2"),
            text("keep-3"));

    /** The published messages the subscription matches. */
    static final List<String> MATCHING = List.of(PUBLISHED.get(0), PUBLISHED.get(2), PUBLISHED.get(5));

    private PubSubInteropScenario() {
    }

    /** Which MeshMQ socket talks to which peer socket. */
    enum Flow {
        /** Peer PUB publishes (repeatedly), MeshMQ SUB receives. */
        SUB_FROM_PUB("PUB", PeerRole.PUBLISH, Context::createSub),
        /** Peer XPUB publishes once it sees the subscription, MeshMQ XSUB receives (no local filter). */
        XSUB_FROM_XPUB("XPUB", PeerRole.PUBLISH, Context::createXSub),
        /** MeshMQ PUB publishes, peer SUB receives. */
        PUB_TO_SUB("SUB", PeerRole.SUBSCRIBE, Context::createPub),
        /** MeshMQ XPUB shows the peer SUB's subscription, then publishes. */
        XPUB_TO_SUB("SUB", PeerRole.SUBSCRIBE, Context::createXPub),
        /** MeshMQ PUB publishes, peer XSUB (no local filter) receives. */
        PUB_TO_XSUB("XSUB", PeerRole.SUBSCRIBE, Context::createPub);

        private final String peerType;
        private final PeerRole peerRole;
        private final Function<Context, Socket> factory;

        Flow(String peerType, PeerRole peerRole, Function<Context, Socket> factory) {
            this.peerType = peerType;
            this.peerRole = peerRole;
            this.factory = factory;
        }
    }

    /** Runs one exchange and checks what the subscriber received. */
    static void run(PeerLauncher launcher, Flow flow, Transport transport, Binder binder) {
        String ipcEndpoint = null;
        try (Context context = Context.create(); Socket socket = flow.factory.apply(context)) {
            String endpoint = transport.bindable();
            ipcEndpoint = endpoint;
            boolean peerBinds = binder == Binder.PEER;
            if (!peerBinds) {
                endpoint = socket.bind(endpoint);
                ipcEndpoint = endpoint;
            }
            List<String> messages = flow.peerRole == PeerRole.PUBLISH ? PUBLISHED : MATCHING;
            PeerSpec spec = new PeerSpec(flow.peerType, peerBinds, endpoint, flow.peerRole, messages, "", TOPIC);
            try (InteropPeer peer = launcher.start(spec)) {
                if (peerBinds) {
                    socket.connect(peer.awaitPrefix("BOUND ", InteropScenario.STEP));
                }
                if (flow.peerRole == PeerRole.PUBLISH) {
                    receiveFromPeer(flow, socket, peer);
                } else {
                    publishToPeer(flow, (PubSocket) socket, peer);
                }
            }
        } finally {
            Endpoints.deleteIpcFile(ipcEndpoint);
        }
    }

    /**
     * Subscribes and receives. A binding MeshMQ subscriber sends its subscriptions to a new peer when
     * its owner next calls in, so the receive comes before waiting for the peer XPUB's report.
     */
    private static void receiveFromPeer(Flow flow, Socket socket, InteropPeer peer) {
        if (socket instanceof SubSocket) {
            ((SubSocket) socket).subscribe(TOPIC);
        } else {
            ((XSubSocket) socket).send(subscription(TOPIC));
        }
        MessageReceiver receiver = (MessageReceiver) socket;
        List<String> received = new ArrayList<>();
        received.add(receiveMatching(receiver, peer));
        while (!received.get(0).equals(MATCHING.get(0))) {
            received.set(0, receiveMatching(receiver, peer));
        }
        for (int i = 1; i < MATCHING.size(); i++) {
            received.add(receiveMatching(receiver, peer));
        }
        assertEquals(MATCHING, received, "the subscriber received another sequence");
        if ("XPUB".equals(flow.peerType)) {
            assertEquals(PeerFormat.line(subscription(TOPIC)).substring("MSG ".length()),
                    peer.awaitPrefix("SUB ", InteropScenario.STEP), "the peer XPUB saw another subscription");
            peer.awaitDone(InteropScenario.STEP);
        }
    }

    /** Receives one message, which must match the subscription (a non-matching one means no filtering). */
    private static String receiveMatching(MessageReceiver receiver, InteropPeer peer) {
        Optional<Message> message = receiver.receive(InteropScenario.STEP);
        assertTrue(message.isPresent(), () -> "MeshMQ received nothing within " + InteropScenario.STEP + "\n"
                + peer.diagnostics());
        String token = PeerFormat.token(message.get());
        assertTrue(MATCHING.contains(token), () -> "a message the subscription does not match arrived: "
                + PeerFormat.line(message.get()));
        return token;
    }

    private static void publishToPeer(Flow flow, PubSocket pub, InteropPeer peer) {
        assertTrue(pub.awaitSubscribers(1, InteropScenario.STEP), () -> "the peer did not subscribe ("
                + pub.publisherStatistics().peers().size() + " connection(s) completed the handshake)\n"
                + peer.diagnostics());
        if (pub instanceof XPubSocket) {
            Message shown = ((XPubSocket) pub).receive(InteropScenario.STEP).orElseThrow();
            assertEquals(subscription(TOPIC), shown, "the XPUB showed another subscription");
        }
        for (String token : PUBLISHED) {
            assertTrue(pub.send(PeerFormat.parse(token), InteropScenario.STEP));
        }
        for (String token : MATCHING) {
            assertEquals(PeerFormat.line(token), peer.awaitLine(InteropScenario.STEP), peer::diagnostics);
        }
        peer.awaitDone(InteropScenario.STEP);
        PublisherStatistics statistics = pub.publisherStatistics();
        assertEquals(PUBLISHED.size(), statistics.messagesPublished());
        assertEquals(MATCHING.size(), statistics.messagesSent(), "the publisher sent non-matching messages");
        assertEquals(0, statistics.messagesDropped());
    }

    private static Message subscription(String topic) {
        byte[] bytes = topic.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[bytes.length + 1];
        frame[0] = 1;
        System.arraycopy(bytes, 0, frame, 1, bytes.length);
        return PeerFormat.parse(HexFormat.of().formatHex(frame));
    }

    private static String text(String value) {
        return PeerFormat.textToken(value);
    }
}
