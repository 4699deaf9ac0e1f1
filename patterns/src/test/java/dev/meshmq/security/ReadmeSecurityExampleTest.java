package dev.meshmq.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshmq.AuthenticationResult;
import dev.meshmq.Authenticator;
import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's "CURVE and PLAIN" example, run as written; its output is the one README shows. */
class ReadmeSecurityExampleTest {

    @Test
    void theReadmeExampleRuns() throws InterruptedException {
        StringBuilder printed = new StringBuilder();
        // ---- README example starts (System.out.println -> print) ----
        CurveKeyPair serverKeys = CurveKeyPair.generate();          // or CurveKeyPair.fromSecretKeyZ85(...)
        CurveKeyPair alice = CurveKeyPair.generate();
        CurveKeyPair mallory = CurveKeyPair.generate();
        Set<String> allowed = Set.of(alice.publicKeyZ85());
        Authenticator onlyAlice = request -> {
            String key = dev.meshmq.Z85.encode(request.clientPublicKey().orElseThrow());
            return allowed.contains(key)
                    ? AuthenticationResult.allow("alice", Map.of("X-Team", "ops"))
                    : AuthenticationResult.deny("unknown key " + key.substring(0, 8));
        };
        try (Context context = Context.create();
                PullSocket server = context.createPull();
                PushSocket client = context.createPush();
                PushSocket intruder = context.createPush()) {
            server.set(SocketOptions.CURVE_SERVER, true);
            server.set(SocketOptions.CURVE_SECRET_KEY, serverKeys.secretKey());
            server.set(SocketOptions.AUTHENTICATOR, onlyAlice);      // called on the context's auth thread
            String endpoint = server.bind("tcp://127.0.0.1:*");

            client.set(SocketOptions.CURVE_SERVER_KEY, serverKeys.publicKeyZ85().getBytes()); // Z85 or 32 bytes
            client.set(SocketOptions.CURVE_SECRET_KEY, alice.secretKey());
            client.set(SocketOptions.CURVE_PUBLIC_KEY, alice.publicKey());
            client.connect(endpoint);
            BlockingQueue<MonitorEvent> refusals = new LinkedBlockingQueue<>();
            intruder.monitor(event -> {
                if (event.type() == MonitorEventType.HANDSHAKE_FAILED_AUTH) {
                    refusals.add(event);
                }
            });
            intruder.set(SocketOptions.CURVE_SERVER_KEY, serverKeys.publicKey());
            intruder.set(SocketOptions.CURVE_SECRET_KEY, mallory.secretKey());
            intruder.connect(endpoint);

            intruder.send(Message.of("let me in"), Duration.ZERO);
            client.send("hello over CURVE");
            Message message = server.receive();
            print(printed, message.string(0) + " from " + message.userId().orElse("?")
                    + " (team " + message.peerProperty("X-Team").orElse("?") + ", "
                    + message.peerProperty("Socket-Type").orElse("?") + " at "
                    + message.peerProperty("Peer-Address").orElse("?") + ")");
            Optional<Message> more = server.receive(Duration.ofMillis(500));
            print(printed, "anything else: " + more.map(m -> m.string(0)).orElse("nothing"));
            MonitorEvent refused = refusals.poll(10, TimeUnit.SECONDS);
            print(printed, "intruder: " + refused.type() + " " + refused.value());
        }
        // ---- README example ends ----
        assertEquals(String.join("\n",
                "hello over CURVE from alice (team ops, PUSH at 127.0.0.1)",
                "anything else: nothing",
                "intruder: HANDSHAKE_FAILED_AUTH 400") + "\n", printed.toString());
    }

    private static void print(StringBuilder printed, String line) {
        System.out.println(line);
        printed.append(line).append('\n');
    }
}
