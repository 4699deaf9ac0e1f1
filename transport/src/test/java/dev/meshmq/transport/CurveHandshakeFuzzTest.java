package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.meshmq.AuthenticationRequest;
import dev.meshmq.CurveKeyPair;

/**
 * Coverage-guided fuzzing of CURVE (RFC 26): the real {@link CurveClientMechanism} and
 * {@link CurveServerMechanism} run a real handshake through a wire the fuzzer tampers with
 * ({@link MechanismDuel}). The server is so fed HELLOs of any length or with the right length and a
 * broken box, INITIATEs with a valid cookie and a broken box, with a broken or stale cookie (the fuzzer
 * moves the cookie clock), replayed or reordered; the client WELCOMEs, READYs and ERRORs the same way;
 * and once both are open, MESSAGE boxes with valid, replayed, reordered and broken nonces and tags,
 * in data frames and command frames. Only protocol errors and refusals may come out; a side that
 * opens knows its peer's true socket type, the server authenticates only the client's true key, the
 * frames received are a subsequence of those sent (tampering loses frames, never forges, repeats or
 * reorders one), a clean wire delivers everything; one execution allocates a bounded amount.
 *
 * <p>Each execution does real X25519 (the short-term keys are made inside the mechanisms), so this
 * harness runs much slower than the others; {@link CurveMessageFuzzTest} fuzzes the boxes alone, fast.
 */
class CurveHandshakeFuzzTest {

    private static final CurveKeyPair SERVER = CurveKeyPair.fromSecretKey(key(1));
    private static final CurveKeyPair CLIENT = CurveKeyPair.fromSecretKey(key(2));
    private static final CurveKeyPair STRANGER = CurveKeyPair.fromSecretKey(key(3));

    @FuzzTest(maxDuration = "2h", maxExecutions = 10_000_000)
    void curveHandshake(FuzzedDataProvider data) {
        long before = AllocationBound.allocated();
        boolean ephemeralClient = data.consumeBoolean();
        boolean wrongServerKey = data.consumeBoolean();
        SecuritySettings client = new SecuritySettings(SecuritySettings.Kind.CURVE, false, "", "",
                ephemeralClient ? null : CLIENT.publicKey(), ephemeralClient ? null : CLIENT.secretKey(),
                (wrongServerKey ? STRANGER : SERVER).publicKey(), "", false, null,
                PlainHandshakeFuzzTest.metadata(data));
        SecuritySettings server = new SecuritySettings(SecuritySettings.Kind.CURVE, true, "", "", SERVER.publicKey(),
                SERVER.secretKey(), null, data.consumeBoolean() ? "global" : "", data.consumeBoolean(), null,
                PlainHandshakeFuzzTest.metadata(data));
        MechanismDuel duel = new MechanismDuel(data, new MechanismDuel.Settings(client, server));
        boolean ended = duel.run();
        duel.checkCommon(ended, !wrongServerKey);
        duel.checkCurve(ephemeralClient ? null : CLIENT.publicKey());
        AuthenticationRequest request = duel.server().request();
        if (request != null) {
            assertEquals("CURVE", request.mechanism());
            if (!ephemeralClient) {
                assertArrayEquals(CLIENT.publicKey(), request.clientPublicKey().orElseThrow());
            }
        }
        AllocationBound.check(before);
    }

    /** A fixed secret key, so the fuzzer's inputs replay the same handshake keys. */
    static byte[] key(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i * 7);
        }
        return key;
    }
}
