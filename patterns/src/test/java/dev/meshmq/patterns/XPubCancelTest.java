package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.XPubSocket;
import dev.meshmq.testsupport.Endpoints;
import dev.meshmq.testsupport.RawZmtpPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancels an XPUB passes to its application, compared with libzmq 4.3.4 (raw ZMTP subscribers,
 * verified): a cancel for a topic nobody holds is passed up at every verbosity; a cancel for a topic
 * only other subscribers hold is passed up by libzmq at every verbosity, by MeshMQ with XPUB_VERBOSER
 * only (otherwise the application would think the topic lost its last subscriber).
 */
class XPubCancelTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "XPUB_VERBOSE", "XPUB_VERBOSER"})
    void aCancelForATopicNobodyHoldsIsPassedUp(String verbosity) throws IOException {
        XPubSocket xpub = xpub(verbosity);
        String endpoint = xpub.bind(Endpoints.fresh("tcp"));
        try (RawZmtpPeer raw = rawSubscriber(endpoint)) {
            raw.send(cancel("nobody"), TIMEOUT);
            raw.send(legacyCancel("nobody-3.0"), TIMEOUT);
            raw.send(subscribe("t"), TIMEOUT);
            raw.send(cancel("t"), TIMEOUT);
            raw.send(cancel("t"), TIMEOUT);
            expect(xpub, 0, "nobody");
            expect(xpub, 0, "nobody-3.0");
            expect(xpub, 1, "t");
            expect(xpub, 0, "t");
            expect(xpub, 0, "t");
            expectNothing(xpub, SHORT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "XPUB_VERBOSE", "XPUB_VERBOSER"})
    void aCancelForATopicOnlyOthersHoldIsPassedUpWithXpubVerboserOnly(String verbosity) throws IOException {
        XPubSocket xpub = xpub(verbosity);
        String endpoint = xpub.bind(Endpoints.fresh("tcp"));
        try (RawZmtpPeer holder = rawSubscriber(endpoint); RawZmtpPeer other = rawSubscriber(endpoint)) {
            holder.send(subscribe("t"), TIMEOUT);
            expect(xpub, 1, "t");
            other.send(cancel("t"), TIMEOUT);
            other.send(RawZmtpPeer.message(new byte[] {2, 'x'}), TIMEOUT);
            if ("XPUB_VERBOSER".equals(verbosity)) {
                expect(xpub, 0, "t");
            }
            // the marker, which comes after the cancel on the same connection, shows it was handled
            assertEquals(Message.of(new byte[] {2, 'x'}), xpub.receive(TIMEOUT).orElseThrow());
            holder.send(cancel("t"), TIMEOUT);
            expect(xpub, 0, "t");
            expectNothing(xpub, SHORT);
        }
    }

    private XPubSocket xpub(String verbosity) {
        Context context = newContext();
        XPubSocket xpub = context.createXPub();
        if (!"plain".equals(verbosity)) {
            xpub.set("XPUB_VERBOSE".equals(verbosity) ? SocketOptions.XPUB_VERBOSE : SocketOptions.XPUB_VERBOSER,
                    true);
        }
        return xpub;
    }

    private static RawZmtpPeer rawSubscriber(String endpoint) throws IOException {
        RawZmtpPeer raw = RawZmtpPeer.connect(endpoint, TIMEOUT);
        raw.send(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), RawZmtpPeer.ready("SUB")), TIMEOUT);
        raw.receive(RawZmtpPeer.GREETING_SIZE, TIMEOUT);
        raw.receiveFrame(TIMEOUT);
        return raw;
    }

    private static byte[] subscribe(String topic) {
        return RawZmtpPeer.command("SUBSCRIBE", topic.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] cancel(String topic) {
        return RawZmtpPeer.command("CANCEL", topic.getBytes(StandardCharsets.US_ASCII));
    }

    /** The ZMTP 3.0 form of a cancel: a message whose first byte is 0. */
    private static byte[] legacyCancel(String topic) {
        return RawZmtpPeer.message(("\0" + topic).getBytes(StandardCharsets.US_ASCII));
    }

    private static void expect(XPubSocket xpub, int flag, String topic) {
        Message message = xpub.receive(TIMEOUT).orElseThrow(() -> new AssertionError("no subscription " + topic));
        byte[] bytes = message.first().toByteArray();
        assertEquals((flag == 1 ? "subscribe " : "cancel ") + topic,
                (bytes[0] == 1 ? "subscribe " : bytes[0] == 0 ? "cancel " : "other ")
                        + new String(bytes, 1, bytes.length - 1, StandardCharsets.US_ASCII));
    }
}
