package dev.meshmq.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.AuthenticationResult;
import dev.meshmq.Authenticator;
import dev.meshmq.Context;
import dev.meshmq.CurveKeyPair;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security options: typed, validated, normalised, and a rejected value leaves the socket unchanged. */
class SecurityOptionsTest {

    @Test
    void keysAreStoredAs32BytesWhetherGivenRawOrAsZ85Text() {
        CurveKeyPair pair = CurveKeyPair.generate();
        try (Context context = Context.create(); PushSocket push = context.createPush()) {
            assertNull(push.get(SocketOptions.CURVE_SERVER_KEY));
            push.set(SocketOptions.CURVE_SERVER_KEY, pair.publicKeyZ85().getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals(pair.publicKey(), push.get(SocketOptions.CURVE_SERVER_KEY));
            push.set(SocketOptions.CURVE_SECRET_KEY, pair.secretKey());
            assertArrayEquals(pair.secretKey(), push.get(SocketOptions.CURVE_SECRET_KEY));
        }
    }

    @Test
    void rejectedValuesLeaveTheSocketUnchanged() {
        CurveKeyPair pair = CurveKeyPair.generate();
        try (Context context = Context.create(); PushSocket push = context.createPush()) {
            push.set(SocketOptions.CURVE_PUBLIC_KEY, pair.publicKey());
            assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.CURVE_PUBLIC_KEY, new byte[31]));
            byte[] notZ85 = "~".repeat(40).getBytes(StandardCharsets.US_ASCII);
            assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.CURVE_PUBLIC_KEY, notZ85));
            assertArrayEquals(pair.publicKey(), push.get(SocketOptions.CURVE_PUBLIC_KEY));
            push.set(SocketOptions.PLAIN_USERNAME, "admin");
            assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.PLAIN_USERNAME, "é".repeat(128)));
            assertEquals("admin", push.get(SocketOptions.PLAIN_USERNAME));
            assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.ZAP_DOMAIN, "d".repeat(256)));
            push.set(SocketOptions.METADATA, Map.of("X-Role", "worker"));
            assertThrows(IllegalArgumentException.class,
                    () -> push.set(SocketOptions.METADATA, Map.of("Role", "not X-")));
            assertThrows(IllegalArgumentException.class,
                    () -> push.set(SocketOptions.METADATA, Map.of("X-bad name", "space")));
            Map<String, String> tooMany = new HashMap<>();
            for (int i = 0; i <= 1000; i++) {
                tooMany.put("X-" + i, "v");
            }
            IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                    () -> push.set(SocketOptions.METADATA, tooMany));
            assertTrue(many.getMessage().contains("at most 1000 properties"), many.getMessage());
            tooMany.remove("X-0");
            push.set(SocketOptions.METADATA, tooMany);
            push.set(SocketOptions.METADATA, Map.of("X-Role", "worker"));
            assertEquals(Map.of("X-Role", "worker"), push.get(SocketOptions.METADATA));
            assertThrows(IllegalArgumentException.class, () -> push.set(SocketOptions.AUTHENTICATOR, null));
            Authenticator judge = request -> AuthenticationResult.allow("");
            push.set(SocketOptions.AUTHENTICATOR, judge);
            assertEquals(judge, push.get(SocketOptions.AUTHENTICATOR));
        }
    }
}
