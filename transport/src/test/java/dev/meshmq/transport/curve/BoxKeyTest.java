package dev.meshmq.transport.curve;

import static dev.meshmq.transport.curve.SodiumVectors.BOX;
import static dev.meshmq.transport.curve.SodiumVectors.MESSAGE;
import static dev.meshmq.transport.curve.SodiumVectors.NONCE;
import static dev.meshmq.transport.curve.SodiumVectors.SHARED_KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BoxKeyTest {

    private static final Random RANDOM = new Random(26);

    @Test
    void sealsLibsodiumsBoxVector() {
        BoxKey key = new BoxKey(SHARED_KEY);
        byte[] box = new byte[MESSAGE.length + 16];
        assertEquals(BOX.length, key.seal(NONCE, MESSAGE, 0, MESSAGE.length, box, 0));
        assertArrayEquals(BOX, box);
    }

    @Test
    void opensLibsodiumsBoxVectorWithTheKeyFromBobsSide() throws Exception {
        BoxKey key = new BoxKey(CurveCrypto.sharedKey(SodiumVectors.ALICE_PUBLIC, SodiumVectors.BOB_SECRET));
        byte[] plain = new byte[MESSAGE.length];
        assertEquals(MESSAGE.length, key.open(NONCE, BOX, 0, BOX.length, plain, 0));
        assertArrayEquals(MESSAGE, plain);
    }

    @Test
    void sealsAtOffsetsAndOpensInPlace() throws Exception {
        BoxKey key = new BoxKey(SHARED_KEY);
        byte[] src = new byte[MESSAGE.length + 7];
        System.arraycopy(MESSAGE, 0, src, 7, MESSAGE.length);
        byte[] dst = new byte[BOX.length + 11];
        key.seal(NONCE, src, 7, MESSAGE.length, dst, 11);
        assertArrayEquals(BOX, Arrays.copyOfRange(dst, 11, 11 + BOX.length));
        assertEquals(MESSAGE.length, key.open(NONCE, dst, 11, BOX.length, dst, 11));
        assertArrayEquals(MESSAGE, Arrays.copyOfRange(dst, 11, 11 + MESSAGE.length));
    }

    @Test
    void roundTripsEveryLengthAroundTheBlockSizes() throws Exception {
        BoxKey sealer = BoxKey.random();
        byte[] keyCopy = sealerKey(sealer);
        BoxKey opener = new BoxKey(keyCopy);
        int[] lengths = {0, 1, 15, 16, 31, 32, 33, 63, 64, 65, 127, 128, 1000, 1024, 8191, 8192, 8193, 65536, 100_003};
        for (int len : lengths) {
            byte[] plain = randomBytes(len);
            byte[] nonce = nonce("CurveZMQMESSAGES", len);
            byte[] box = new byte[len + 16];
            sealer.seal(nonce, plain, 0, len, box, 0);
            byte[] back = new byte[len];
            assertEquals(len, opener.open(nonce, box, 0, box.length, back, 0));
            assertArrayEquals(plain, back, "length " + len);
        }
    }

    @Test
    void aChangedPrefixGivesTheSameBoxAsAFreshKey() throws Exception {
        BoxKey reused = new BoxKey(SHARED_KEY);
        byte[] plain = "the cookie".getBytes(StandardCharsets.US_ASCII);
        byte[][] nonces = {
            nonce("CurveZMQMESSAGEC", 1), nonce("CurveZMQMESSAGEC", 2), nonce("COOKIE--abcdefgh", 0),
            nonce("CurveZMQMESSAGEC", 3), NONCE, nonce("CurveZMQMESSAGEC", 3),
        };
        for (byte[] nonce : nonces) {
            byte[] viaReused = new byte[plain.length + 16];
            reused.seal(nonce, plain, 0, plain.length, viaReused, 0);
            byte[] viaFresh = new byte[plain.length + 16];
            new BoxKey(SHARED_KEY).seal(nonce, plain, 0, plain.length, viaFresh, 0);
            assertArrayEquals(viaFresh, viaReused);
        }
        byte[] vector = new byte[BOX.length];
        reused.seal(NONCE, MESSAGE, 0, MESSAGE.length, vector, 0);
        assertArrayEquals(BOX, vector);
    }

    @Test
    void alternatingDirectionsAndAThirdPrefixGiveTheSameBoxesAsFreshKeys() throws Exception {
        BoxKey reused = new BoxKey(SHARED_KEY);
        byte[] plain = randomBytes(100);
        String[] prefixes = {"CurveZMQMESSAGEC", "CurveZMQMESSAGES", "CurveZMQMESSAGEC", "CurveZMQMESSAGES",
            "CurveZMQREADY---", "CurveZMQMESSAGES", "CurveZMQMESSAGEC", "CurveZMQMESSAGEC"};
        for (int i = 0; i < prefixes.length; i++) {
            byte[] nonce = nonce(prefixes[i], i + 1);
            byte[] viaReused = new byte[plain.length + 16];
            reused.seal(nonce, plain, 0, plain.length, viaReused, 0);
            byte[] viaFresh = new byte[plain.length + 16];
            new BoxKey(SHARED_KEY).seal(nonce, plain, 0, plain.length, viaFresh, 0);
            assertArrayEquals(viaFresh, viaReused, "box " + i + " with " + prefixes[i]);
            byte[] back = new byte[plain.length];
            reused.open(nonce, viaFresh, 0, viaFresh.length, back, 0);
            assertArrayEquals(plain, back);
        }
    }

    @Test
    void sealingAndOpeningBothWaysAllocatesNothingOnceWarm() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        BoxKey key = new BoxKey(SHARED_KEY);
        byte[] plain = randomBytes(1024);
        byte[] box = new byte[plain.length + 16];
        byte[] back = new byte[plain.length];
        byte[] toServer = nonce("CurveZMQMESSAGEC", 0);
        byte[] toClient = nonce("CurveZMQMESSAGES", 0);
        for (int i = 0; i < 20_000; i++) {
            roundTrip(key, i % 2 == 0 ? toServer : toClient, plain, box, back);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            roundTrip(key, i % 2 == 0 ? toServer : toClient, plain, box, back);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // One allocation per call would be at least 10,000 * 16 bytes.
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes in 10,000 round trips");
    }

    private static void roundTrip(BoxKey key, byte[] nonce, byte[] plain, byte[] box, byte[] back)
            throws BoxOpenException {
        key.seal(nonce, plain, 0, plain.length, box, 0);
        key.open(nonce, box, 0, box.length, back, 0);
    }

    @Test
    void aTamperedTagCiphertextOrNonceDoesNotOpenAndLeavesTheOutputAlone() {
        BoxKey key = new BoxKey(SHARED_KEY);
        for (int position : new int[] {0, 15, 16, 80, BOX.length - 1}) {
            byte[] box = BOX.clone();
            box[position] ^= 0x01;
            byte[] out = new byte[MESSAGE.length];
            assertThrows(BoxOpenException.class, () -> key.open(NONCE, box, 0, box.length, out, 0));
            assertArrayEquals(new byte[MESSAGE.length], out, "plaintext written at " + position);
        }
        for (int position : new int[] {0, 15, 16, 23}) {
            byte[] nonce = NONCE.clone();
            nonce[position] ^= 0x40;
            assertThrows(BoxOpenException.class, () -> key.open(nonce, BOX, 0, BOX.length, new byte[131], 0));
        }
        byte[] truncated = Arrays.copyOf(BOX, BOX.length - 1);
        assertThrows(BoxOpenException.class,
                () -> key.open(NONCE, truncated, 0, truncated.length, new byte[131], 0));
    }

    @Test
    void openingWithALeadingByteSplitsThePlaintextAndRefusesWhatOpenRefuses() throws Exception {
        BoxKey key = new BoxKey(SHARED_KEY);
        for (int len : new int[] {1, 2, 31, 32, 33, 64, 65, 1025, 65_537}) {
            byte[] plain = randomBytes(len);
            byte[] nonce = nonce("CurveZMQMESSAGEC", len);
            byte[] box = new byte[len + 16 + 3];
            key.seal(nonce, plain, 0, len, box, 3);
            byte[] body = new byte[len - 1 + 5];
            assertEquals(plain[0] & 0xFF, key.openLeadingByte(nonce, box, 3, len + 16, body, 5), "length " + len);
            assertArrayEquals(Arrays.copyOfRange(plain, 1, len), Arrays.copyOfRange(body, 5, 5 + len - 1));
            box[3 + 16 + len - 1] ^= 0x20;
            byte[] untouched = new byte[len - 1];
            assertThrows(BoxOpenException.class, () -> key.openLeadingByte(nonce, box, 3, len + 16, untouched, 0));
            assertArrayEquals(new byte[len - 1], untouched, "plaintext written for a tampered box of " + len);
        }
        byte[] tagOnly = new byte[16];
        key.seal(NONCE, new byte[0], 0, 0, tagOnly, 0);
        assertThrows(BoxOpenException.class, () -> key.openLeadingByte(NONCE, tagOnly, 0, 16, new byte[0], 0));
        byte[] box = new byte[16 + 4];
        key.seal(NONCE, new byte[] {(byte) 0xFE, 1, 2, 3}, 0, 4, box, 0);
        assertThrows(IndexOutOfBoundsException.class, () -> key.openLeadingByte(NONCE, box, 0, 20, new byte[2], 0));
        assertEquals(0xFE, key.openLeadingByte(NONCE, box, 0, 20, new byte[3], 0));
    }

    @Test
    void theWrongKeyDoesNotOpen() {
        byte[] other = SHARED_KEY.clone();
        other[31] ^= 0x80;
        BoxKey wrong = new BoxKey(other);
        assertThrows(BoxOpenException.class, () -> wrong.open(NONCE, BOX, 0, BOX.length, new byte[131], 0));
        assertThrows(BoxOpenException.class, () -> BoxKey.random().open(NONCE, BOX, 0, BOX.length,
                new byte[131], 0));
    }

    @Test
    void boxesShorterThanATagAreRefusedAndATagAloneIsTheEmptyMessage() throws Exception {
        BoxKey key = new BoxKey(SHARED_KEY);
        for (int len = 0; len < 16; len++) {
            int length = len;
            assertThrows(BoxOpenException.class, () -> key.open(NONCE, new byte[16], 0, length, new byte[0], 0));
        }
        byte[] empty = new byte[16];
        assertEquals(16, key.seal(NONCE, new byte[0], 0, 0, empty, 0));
        assertEquals(0, key.open(NONCE, empty, 0, 16, new byte[0], 0));
        empty[3] ^= 1;
        assertThrows(BoxOpenException.class, () -> key.open(NONCE, empty, 0, 16, new byte[0], 0));
    }

    @Test
    void badArgumentsAreRefused() {
        BoxKey key = new BoxKey(SHARED_KEY);
        assertThrows(IllegalArgumentException.class, () -> new BoxKey(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> key.seal(new byte[23], MESSAGE, 0, 1, new byte[17], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> key.seal(NONCE, MESSAGE, 0, MESSAGE.length,
                new byte[MESSAGE.length + 15], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> key.open(NONCE, BOX, 0, BOX.length,
                new byte[MESSAGE.length - 1], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> key.seal(NONCE, MESSAGE, 5, MESSAGE.length,
                new byte[200], 0));
    }

    @Test
    void theConstructorCopiesTheKeyAndDestroyZeroesIt() {
        byte[] bytes = SHARED_KEY.clone();
        BoxKey key = new BoxKey(bytes);
        Arrays.fill(bytes, (byte) 0);
        byte[] box = new byte[BOX.length];
        key.seal(NONCE, MESSAGE, 0, MESSAGE.length, box, 0);
        assertArrayEquals(BOX, box);
        key.destroy();
        assertThrows(IllegalStateException.class, () -> key.seal(NONCE, MESSAGE, 0, 1, new byte[17], 0));
        assertArrayEquals(new byte[32], sealerKey(key));
    }

    @Test
    void byteBufferVariantsMatchTheArrayOnesForHeapAndDirectBuffers() throws Exception {
        BoxKey key = new BoxKey(SHARED_KEY);
        byte[] big = randomBytes(20_000);
        byte[] nonce = nonce("CurveZMQMESSAGEC", 9);
        byte[] expected = new byte[big.length + 16];
        key.seal(nonce, big, 0, big.length, expected, 0);
        for (boolean directIn : new boolean[] {false, true}) {
            for (boolean directOut : new boolean[] {false, true}) {
                ByteBuffer src = buffer(directIn, big.length + 3).position(3);
                src.put(big).flip().position(3);
                ByteBuffer dst = buffer(directOut, expected.length + 5).position(5);
                assertEquals(expected.length, key.seal(nonce, src, dst));
                assertFalse(src.hasRemaining());
                assertEquals(expected.length + 5, dst.position());
                byte[] sealed = new byte[expected.length];
                dst.flip().position(5);
                dst.get(sealed);
                assertArrayEquals(expected, sealed, "direct in " + directIn + ", out " + directOut);

                ByteBuffer box = buffer(directIn, expected.length).put(expected).flip();
                ByteBuffer plain = buffer(directOut, big.length);
                assertEquals(big.length, key.open(nonce, box, plain));
                byte[] opened = new byte[big.length];
                plain.flip().get(opened);
                assertArrayEquals(big, opened);

                ByteBuffer tampered = buffer(directIn, expected.length).put(expected).flip();
                tampered.put(100, (byte) (tampered.get(100) ^ 1));
                ByteBuffer untouched = buffer(directOut, big.length);
                assertThrows(BoxOpenException.class, () -> key.open(nonce, tampered, untouched));
                assertEquals(0, tampered.position());
                assertEquals(0, untouched.position());
            }
        }
    }

    /** Reads the key a BoxKey holds, to check that it copies and zeroes it. */
    private static byte[] sealerKey(BoxKey key) {
        try {
            java.lang.reflect.Field field = BoxKey.class.getDeclaredField("key");
            field.setAccessible(true);
            return ((byte[]) field.get(key)).clone();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static ByteBuffer buffer(boolean direct, int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    private static byte[] nonce(String prefix, long counter) {
        byte[] nonce = new byte[24];
        System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, nonce, 0, 16);
        ByteBuffer.wrap(nonce, 16, 8).putLong(counter);
        return nonce;
    }

    private static byte[] randomBytes(int len) {
        byte[] bytes = new byte[len];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
