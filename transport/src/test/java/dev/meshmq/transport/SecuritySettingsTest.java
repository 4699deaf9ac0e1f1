package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshmq.CurveKeyPair;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CURVE keys in {@link SecuritySettings}: derived once, copied in and out, never printed. */
class SecuritySettingsTest {

    private static final CurveKeyPair CLIENT = CurveKeyPair.generate();
    private static final CurveKeyPair SERVER = CurveKeyPair.generate();

    private static SecuritySettings curveClient(byte[] publicKey, byte[] secretKey) {
        return SecuritySettings.of(false, false, new String[] {"", ""},
                new byte[][] {publicKey, secretKey, SERVER.publicKey()}, new SecuritySettings.Zap("", false, null),
                Map.of());
    }

    @Test
    void theCurvePublicKeyIsDerivedFromTheSecretKeyAndReplacesAnotherOneThatWasSet() {
        assertArrayEquals(CLIENT.publicKey(), curveClient(null, CLIENT.secretKey()).curvePublicKey());
        assertArrayEquals(CLIENT.publicKey(), curveClient(SERVER.publicKey(), CLIENT.secretKey()).curvePublicKey());
        SecuritySettings server = SecuritySettings.of(true, false, new String[] {"", ""},
                new byte[][] {null, SERVER.secretKey(), null}, new SecuritySettings.Zap("", false, null), Map.of());
        assertArrayEquals(SERVER.publicKey(), server.curvePublicKey());
    }

    @Test
    void anEphemeralClientHasNoLongTermKeyAndPlainDerivesNothing() {
        assertNull(curveClient(null, null).curvePublicKey());
        SecuritySettings plain = SecuritySettings.of(false, false, new String[] {"user", "pass"},
                new byte[][] {null, CLIENT.secretKey(), null}, new SecuritySettings.Zap("", false, null), Map.of());
        assertNull(plain.curvePublicKey());
    }

    @Test
    void keysAreCopiedInAndOutSoNoHolderCanChangeThem() {
        byte[] secret = CLIENT.secretKey();
        SecuritySettings settings = curveClient(null, secret);
        secret[0] ^= 1;
        assertArrayEquals(CLIENT.secretKey(), settings.curveSecretKey());
        byte[] out = settings.curveSecretKey();
        out[0] ^= 1;
        settings.curvePublicKey()[0] ^= 1;
        settings.curveServerKey()[0] ^= 1;
        assertArrayEquals(CLIENT.secretKey(), settings.curveSecretKey());
        assertArrayEquals(CLIENT.publicKey(), settings.curvePublicKey());
        assertArrayEquals(SERVER.publicKey(), settings.curveServerKey());
        assertNotSame(settings.curveSecretKey(), settings.curveSecretKey());
    }

    @Test
    void toStringShowsNeitherThePasswordNorAnyKey() {
        String text = curveClient(null, CLIENT.secretKey()).toString();
        for (String key : new String[] {CLIENT.secretKeyZ85(), CLIENT.publicKeyZ85(), SERVER.publicKeyZ85()}) {
            assertFalse(text.contains(key), text);
        }
        assertFalse(text.contains("[B@"), text);
        String plain = SecuritySettings.of(false, false, new String[] {"user", "s3cret-pw"},
                new byte[][] {null, null, null}, new SecuritySettings.Zap("", false, null), Map.of()).toString();
        assertFalse(plain.contains("s3cret-pw"), plain);
    }

    @Test
    void aCurveSecretKeyOfTheWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> curveClient(null, new byte[31]));
    }
}
