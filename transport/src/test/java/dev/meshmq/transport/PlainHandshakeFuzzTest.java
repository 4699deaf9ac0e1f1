package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meshmq.AuthenticationRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Coverage-guided fuzzing of PLAIN (RFC 24): the real {@link PlainClientMechanism} and
 * {@link PlainServerMechanism} talk through a wire the fuzzer tampers with ({@link MechanismDuel}), so the
 * server is fed arbitrary, truncated, replayed and reordered HELLO and INITIATE commands (and anything
 * else), the client arbitrary WELCOME, READY and ERROR, each side any verdict, and both, once open,
 * messages, PINGs and garbage. Only protocol errors and refusals may come out; a clean wire with an
 * allowing verdict opens both sides, and the server's authenticator sees the client's user name and
 * password as the client set them; one execution allocates a bounded amount.
 */
class PlainHandshakeFuzzTest {

    @FuzzTest(maxDuration = "2h", maxExecutions = 10_000_000)
    void plainHandshake(FuzzedDataProvider data) {
        long before = AllocationBound.allocated();
        String user = data.consumeString(40);
        String password = data.consumeString(40);
        SecuritySettings client = new SecuritySettings(SecuritySettings.Kind.PLAIN, false, user, password, null, null,
                null, "", false, null, metadata(data));
        SecuritySettings server = new SecuritySettings(SecuritySettings.Kind.PLAIN, true, "", "", null, null, null,
                data.consumeBoolean() ? "global" : "", data.consumeBoolean(), null, metadata(data));
        MechanismDuel duel = new MechanismDuel(data, new MechanismDuel.Settings(client, server));
        boolean ended = duel.run();
        duel.checkCommon(ended, true);
        AuthenticationRequest request = duel.server().request();
        if (!duel.tampered() && request != null) {
            assertEquals("PLAIN", request.mechanism());
            assertEquals(utf8RoundTrip(user), request.username().orElseThrow());
            assertEquals(utf8RoundTrip(password), request.password().orElseThrow());
        }
        AllocationBound.check(before);
    }

    static Map<String, String> metadata(FuzzedDataProvider data) {
        return data.consumeBoolean() ? Map.of("X-Fuzz", data.consumeString(20)) : Map.of();
    }

    private static String utf8RoundTrip(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
