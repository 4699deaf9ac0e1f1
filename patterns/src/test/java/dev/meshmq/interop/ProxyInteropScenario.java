package dev.meshmq.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.Proxy;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.XSubSocket;
import dev.meshmq.interop.InteropScenario.Binder;
import dev.meshmq.interop.InteropScenario.PeerLauncher;
import dev.meshmq.interop.InteropScenario.Transport;
import dev.meshmq.testsupport.Endpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A peer PUB publishing through a MeshMQ XSUB/XPUB proxy to a peer SUB: the SUB's subscription has to
 * travel up through the proxy to the PUB (which sends nothing before it has one, and filters), and the
 * matching messages down. A capture socket on the proxy sees every message that crossed it, which shows
 * that no non-matching message left the publisher.
 */
final class ProxyInteropScenario {

    /** How many matching messages the SUB waits for: two rounds of the publisher's list. */
    private static final int RECEIVED = 2 * PubSubInteropScenario.MATCHING.size();

    private ProxyInteropScenario() {
    }

    /** Runs the exchange; with {@link Binder#MESHMQ} the proxy binds both sides, else both peers bind. */
    static void run(PeerLauncher launcher, Transport transport, Binder binder) {
        List<String> ipcEndpoints = new ArrayList<>();
        try (Context context = Context.create(); XSubSocket frontend = context.createXSub();
                XPubSocket backend = context.createXPub(); PushSocket capture = context.createPush();
                PullSocket captured = context.createPull()) {
            captured.connect(capture.bind("inproc://proxy-capture"));
            boolean peersBind = binder == Binder.PEER;
            String upstream = peersBind ? transport.bindable() : frontend.bind(transport.bindable());
            String downstream = peersBind ? transport.bindable() : backend.bind(transport.bindable());
            ipcEndpoints.add(upstream);
            ipcEndpoints.add(downstream);
            PeerSpec publisher = new PeerSpec("PUB", peersBind, upstream, PeerRole.PUBLISH,
                    PubSubInteropScenario.PUBLISHED, "", "");
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < RECEIVED; i++) {
                expected.add(PubSubInteropScenario.MATCHING.get(i % PubSubInteropScenario.MATCHING.size()));
            }
            PeerSpec subscriber = new PeerSpec("SUB", peersBind, downstream, PeerRole.SUBSCRIBE, expected, "",
                    PubSubInteropScenario.TOPIC);
            try (InteropPeer pub = launcher.start(publisher); InteropPeer sub = launcher.start(subscriber)) {
                if (peersBind) {
                    frontend.connect(pub.awaitPrefix("BOUND ", InteropScenario.STEP));
                    backend.connect(sub.awaitPrefix("BOUND ", InteropScenario.STEP));
                }
                exchange(context.createProxy(frontend, backend, capture), pub, sub);
            }
            checkCaptured(captured);
        } finally {
            ipcEndpoints.forEach(Endpoints::deleteIpcFile);
        }
    }

    /** Waits for the SUB to receive its messages through the proxy (which owns the sockets meanwhile). */
    private static void exchange(Proxy proxy, InteropPeer pub, InteropPeer sub) {
        try (proxy) {
            for (int i = 0; i < RECEIVED; i++) {
                String line = sub.awaitLine(InteropScenario.STEP);
                assertTrue(line.startsWith("MSG "), () -> "the peer SUB reported " + line + "\n"
                        + sub.diagnostics() + "\n" + pub.diagnostics());
                assertTrue(PubSubInteropScenario.MATCHING.contains(line.substring("MSG ".length())),
                        () -> "a message the subscription does not match reached the SUB: " + line);
            }
            sub.awaitDone(InteropScenario.STEP);
            proxy.terminate();
            assertTrue(proxy.statistics().backendToFrontendMessages() >= 1, "no subscription went upstream");
            assertTrue(proxy.statistics().frontendToBackendMessages() >= RECEIVED, proxy.statistics()::toString);
        }
    }

    /** Every captured message is the subscription (upstream) or a matching message (downstream). */
    private static void checkCaptured(PullSocket captured) {
        String subscribe = "01" + PeerFormat.textToken(PubSubInteropScenario.TOPIC);
        String cancel = "00" + PeerFormat.textToken(PubSubInteropScenario.TOPIC);
        int subscriptions = 0;
        for (Optional<Message> next = captured.receive(Duration.ZERO); next.isPresent();
                next = captured.receive(Duration.ZERO)) {
            String token = PeerFormat.token(next.get());
            if (token.equals(subscribe)) {
                subscriptions++;
            } else if (!token.equals(cancel)) {
                assertTrue(PubSubInteropScenario.MATCHING.contains(token),
                        () -> "the publisher sent a message nobody subscribed to: " + token);
            }
        }
        assertEquals(1, subscriptions, "the capture saw another number of subscriptions");
    }
}
