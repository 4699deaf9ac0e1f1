package dev.meshmq.transport.curve;

import static dev.meshmq.transport.curve.SodiumVectors.ALICE_PUBLIC;
import static dev.meshmq.transport.curve.SodiumVectors.ALICE_SECRET;
import static dev.meshmq.transport.curve.SodiumVectors.BOB_PUBLIC;
import static dev.meshmq.transport.curve.SodiumVectors.BOB_SECRET;
import static dev.meshmq.transport.curve.SodiumVectors.SHARED_KEY;
import static dev.meshmq.transport.curve.SodiumVectors.SMALL_ORDER_POINT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshmq.CurveKeyPair;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CurveCryptoTest {

    @Test
    void sharedKeyIsLibsodiumsBeforenm() {
        assertArrayEquals(SHARED_KEY, CurveCrypto.sharedKey(BOB_PUBLIC, ALICE_SECRET));
        assertArrayEquals(SHARED_KEY, CurveCrypto.sharedKey(ALICE_PUBLIC, BOB_SECRET));
    }

    @Test
    void vectorKeyPairsMatchTheirPublicKeys() {
        assertArrayEquals(ALICE_PUBLIC, CurveKeyPair.fromSecretKey(ALICE_SECRET).publicKey());
        assertArrayEquals(BOB_PUBLIC, CurveKeyPair.fromSecretKey(BOB_SECRET).publicKey());
    }

    @Test
    void bothSidesOfRandomPairsAgree() {
        for (int i = 0; i < 5; i++) {
            CurveKeyPair a = CurveKeyPair.generate();
            CurveKeyPair b = CurveKeyPair.generate();
            byte[] ab = CurveCrypto.sharedKey(a.publicKey(), b.secretKey());
            byte[] ba = CurveCrypto.sharedKey(b.publicKey(), a.secretKey());
            assertArrayEquals(ab, ba);
            CurveKeyPair c = CurveKeyPair.generate();
            assertFalse(Arrays.equals(ab, CurveCrypto.sharedKey(c.publicKey(), a.secretKey())));
        }
    }

    @Test
    void theTopBitOfAPublicKeyIsIgnoredAsRfc7748AndLibsodiumDo() {
        byte[] withTopBit = BOB_PUBLIC.clone();
        withTopBit[31] |= (byte) 0x80;
        assertArrayEquals(SHARED_KEY, CurveCrypto.sharedKey(withTopBit, ALICE_SECRET));
    }

    @Test
    void smallOrderPointsAreRefused() {
        byte[] zero = new byte[32];
        byte[] one = new byte[32];
        one[0] = 1;
        for (byte[] point : new byte[][] {SMALL_ORDER_POINT, zero, one}) {
            assertThrows(IllegalArgumentException.class, () -> CurveCrypto.sharedKey(point, ALICE_SECRET));
        }
    }

    @Test
    void keysOfTheWrongLengthAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CurveCrypto.sharedKey(new byte[31], ALICE_SECRET));
        assertThrows(IllegalArgumentException.class, () -> CurveCrypto.sharedKey(BOB_PUBLIC, new byte[33]));
        assertThrows(NullPointerException.class, () -> CurveCrypto.sharedKey(null, ALICE_SECRET));
    }
}
