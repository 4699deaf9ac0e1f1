package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.Socket;
import dev.meshmq.testsupport.Endpoints;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One interop exchange between a MeshMQ socket and a peer of another implementation, written once
 * and run against libzmq and JeroMQ: who binds, over which transport, in which direction, with which
 * messages. Content and order are checked exactly on both sides.
 */
final class InteropScenario {

    /** How long the test side waits for any one step; the peers give up on their own a little sooner. */
    static final Duration STEP = Duration.ofSeconds(8);

    private InteropScenario() {
    }

    /** Which way messages go, with which MeshMQ socket and which peer socket. */
    enum Flow {
        /** MeshMQ PAIR sends, peer PAIR receives. */
        PAIR_TO_PEER("PAIR", PeerRole.RECEIVE, Context::createPair),
        /** Peer PAIR sends, MeshMQ PAIR receives. */
        PAIR_FROM_PEER("PAIR", PeerRole.SEND, Context::createPair),
        /** MeshMQ PAIR sends, peer PAIR echoes, MeshMQ receives the echo. */
        PAIR_ECHO("PAIR", PeerRole.ECHO, Context::createPair),
        /** MeshMQ PUSH sends, peer PULL receives. */
        PUSH_TO_PEER("PULL", PeerRole.RECEIVE, Context::createPush),
        /** Peer PUSH sends, MeshMQ PULL receives. */
        PULL_FROM_PEER("PUSH", PeerRole.SEND, Context::createPull);

        private final String peerType;
        private final PeerRole peerRole;
        private final Function<Context, Socket> factory;

        Flow(String peerType, PeerRole peerRole, Function<Context, Socket> factory) {
            this.peerType = peerType;
            this.peerRole = peerRole;
            this.factory = factory;
        }
    }

    /** Which side binds; the other connects to the endpoint the binder reports. */
    enum Binder {
        /** MeshMQ binds, the peer connects. */
        MESHMQ,
        /** The peer binds, MeshMQ connects. */
        PEER
    }

    /** The transport of the exchange. */
    enum Transport {
        /** Loopback tcp, ephemeral port. */
        TCP(Endpoints::tcp),
        /** A Unix domain socket with a unique path. */
        IPC(Endpoints::ipc);

        private final Supplier<String> bindable;

        Transport(Supplier<String> bindable) {
            this.bindable = bindable;
        }

        /** A fresh endpoint of this transport to bind. */
        String bindable() {
            return bindable.get();
        }
    }

    /** The messages exchanged, in {@link PeerFormat} token form; several per case so order is checked. */
    enum Payload {
        /** Five single-frame text messages. */
        SINGLE_PART(List.of(text("single-0"), text("single-1"), text("single-2"), text("single-3"),
                text("single-4"))),
        /** Three messages of three frames each, the middle one empty. */
        MULTIPART(List.of(text("multi-0") + "::" + text("end-0"), text("multi-1") + "::" + text("end-1"),
                text("multi-2") + "::" + text("end-2"))),
        /** Two messages of one empty frame, then a marker message. */
        ZERO_BYTES(List.of("", "", text("after-empty"))),
        /** Two single-frame messages of 1 MiB with different content. */
        ONE_MEBIBYTE(List.of(PeerFormat.generatedToken(1 << 20, 0), PeerFormat.generatedToken(1 << 20, 7))),
        /** The same, sent by MeshMQ as frames backed by direct buffers (gathering writes, no copy). */
        ONE_MEBIBYTE_DIRECT(ONE_MEBIBYTE.tokens, true);

        private final List<String> tokens;
        private final boolean direct;

        Payload(List<String> tokens) {
            this(tokens, false);
        }

        Payload(List<String> tokens, boolean direct) {
            this.tokens = tokens;
            this.direct = direct;
        }

        /** Whether the case is worth running: direct frames matter only where MeshMQ sends. */
        boolean appliesTo(Flow flow) {
            return !direct || flow.peerRole != PeerRole.SEND;
        }

        /** The message MeshMQ sends for {@code token}: array-backed, or each frame in a direct buffer. */
        Message toSend(String token) {
            Message message = PeerFormat.parse(token);
            if (!direct) {
                return message;
            }
            List<Frame> frames = new ArrayList<>();
            for (Frame frame : message) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(frame.size()).put(frame.asReadOnlyBuffer()).flip();
                frames.add(Frame.wrap(buffer));
            }
            return Message.of(frames);
        }

        /** The messages in token form. */
        List<String> tokens() {
            return tokens;
        }

        private static String text(String value) {
            return PeerFormat.textToken(value);
        }
    }

    /** Starts a peer for a spec (libzmq or JeroMQ). */
    @FunctionalInterface
    interface PeerLauncher {
        InteropPeer start(PeerSpec spec);
    }

    /** Runs one exchange and checks everything each side received. */
    static void run(PeerLauncher launcher, Flow flow, Transport transport, Binder binder, Payload payload) {
        String ipcEndpoint = null;
        try (Context context = Context.create(); Socket socket = flow.factory.apply(context)) {
            String endpoint = transport.bindable.get();
            ipcEndpoint = endpoint;
            boolean peerBinds = binder == Binder.PEER;
            if (!peerBinds) {
                endpoint = socket.bind(endpoint);
                ipcEndpoint = endpoint;
            }
            PeerSpec spec = new PeerSpec(flow.peerType, peerBinds, endpoint, flow.peerRole, payload.tokens);
            try (InteropPeer peer = launcher.start(spec)) {
                if (peerBinds) {
                    socket.connect(peer.awaitPrefix("BOUND ", STEP));
                }
                exchange(flow, socket, peer, payload);
                peer.awaitDone(STEP);
                if (flow.peerRole != PeerRole.RECEIVE) {
                    Optional<Message> extra = ((MessageReceiver) socket).tryReceive();
                    assertTrue(extra.isEmpty(), () -> "unexpected extra message " + extra);
                }
            }
        } finally {
            Endpoints.deleteIpcFile(ipcEndpoint);
        }
    }

    private static void exchange(Flow flow, Socket socket, InteropPeer peer, Payload payload) {
        List<String> tokens = payload.tokens;
        switch (flow.peerRole) {
            case RECEIVE:
                sendAll((MessageSender) socket, payload, peer);
                expectPeerLines(peer, tokens);
                break;
            case SEND:
                receiveAll((MessageReceiver) socket, tokens, peer);
                break;
            case ECHO:
                sendAll((MessageSender) socket, payload, peer);
                expectPeerLines(peer, tokens);
                receiveAll((MessageReceiver) socket, tokens, peer);
                break;
            default:
                throw new IllegalArgumentException("unknown role " + flow.peerRole);
        }
    }

    private static void sendAll(MessageSender sender, Payload payload, InteropPeer peer) {
        List<String> tokens = payload.tokens;
        for (int i = 0; i < tokens.size(); i++) {
            int index = i;
            assertTrue(sender.send(payload.toSend(tokens.get(i)), STEP),
                    () -> "MeshMQ could not send message " + index + " within " + STEP + "\n" + peer.diagnostics());
        }
    }

    private static void expectPeerLines(InteropPeer peer, List<String> tokens) {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (String token : tokens) {
            expected.add(PeerFormat.line(token));
            actual.add(peer.awaitLine(STEP));
            assertEquals(expected, actual, () -> "the peer received other messages\n" + peer.diagnostics());
        }
    }

    private static void receiveAll(MessageReceiver receiver, List<String> tokens, InteropPeer peer) {
        for (int i = 0; i < tokens.size(); i++) {
            int index = i;
            Message expected = PeerFormat.parse(tokens.get(i));
            Optional<Message> received = receiver.receive(STEP);
            assertTrue(received.isPresent(), () -> "MeshMQ received no message " + index + " within " + STEP
                    + "\n" + peer.diagnostics());
            assertEquals(PeerFormat.line(expected), PeerFormat.line(received.get()),
                    () -> "MeshMQ received another message " + index);
            assertEquals(expected, received.get(), () -> "message " + index + " differs");
        }
    }
}
