package dev.meshmq.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.XPubSocket;
import dev.meshmq.XSubSocket;
import dev.meshmq.testsupport.Endpoints;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ONLY_FIRST_SUBSCRIBE, after libzmq's test_xpub_manual test_user_message_multi. */
class OnlyFirstSubscribeTest extends MeshTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "ipc", "tcp"})
    void theFirstFrameSubscribesAndTheRestIsUserData(String transport) {
        Context context = newContext();
        XPubSocket xpub = context.createXPub();
        xpub.set(SocketOptions.ONLY_FIRST_SUBSCRIBE, true);
        String endpoint = xpub.bind(Endpoints.fresh(transport));
        XSubSocket xsub = context.createXSub();
        xsub.set(SocketOptions.ONLY_FIRST_SUBSCRIBE, true);
        xsub.connect(endpoint);

        xsub.send(message("ABC", "\0BC"));
        assertEquals(List.of("ABC", "\0BC"), strings(xpub.receive(TIMEOUT).orElseThrow()), "no subscription first");
        xsub.send(message("\1BC", "\1CD"));
        assertEquals(List.of("\1BC"), strings(xpub.receive(TIMEOUT).orElseThrow()), "the new subscription");
        assertEquals(List.of("\1CD"), strings(xpub.receive(TIMEOUT).orElseThrow()), "the user data");
        xpub.send(Message.of("BC-news"));
        xpub.send(Message.of("CD-news"));
        assertEquals("BC-news", xsub.receive(TIMEOUT).orElseThrow().string(0));
        assertFalse(xsub.receive(SHORT).isPresent(), "CD was data, not a subscription");

        xsub.send(message("\0BC", "\0CD"));
        assertEquals(List.of("\0BC"), strings(xpub.receive(TIMEOUT).orElseThrow()), "the cancel");
        assertEquals(List.of("\0CD"), strings(xpub.receive(TIMEOUT).orElseThrow()), "the user data");
        xpub.send(Message.of("BC-more"));
        assertFalse(xsub.receive(SHORT).isPresent(), "cancelled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void withoutTheOptionAMultipartMessageIsUserData(String transport) {
        Context context = newContext();
        XPubSocket xpub = context.createXPub();
        String endpoint = xpub.bind(Endpoints.fresh(transport));
        XSubSocket xsub = context.createXSub();
        xsub.connect(endpoint);
        xsub.send(message("\1BC", "\1CD"));
        assertEquals(List.of("\1BC", "\1CD"), strings(xpub.receive(TIMEOUT).orElseThrow()));
        xpub.send(Message.of("BC-news"));
        assertFalse(xsub.receive(SHORT).isPresent(), "no subscription was made");
    }

    private static Message message(String... frames) {
        return Message.of(frames);
    }

    private static List<String> strings(Message message) {
        return message.frames().stream().map(Frame::asString).toList();
    }
}
