package dev.meshmq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Z85Test {

    private static final byte[] HELLO_WORLD_BYTES = {
        (byte) 0x86, 0x4F, (byte) 0xD2, 0x6F, (byte) 0xB5, 0x59, (byte) 0xF7, 0x5B,
    };

    @Test
    void rfc32TestVectorEncodesAndDecodes() {
        assertEquals("HelloWorld", Z85.encode(HELLO_WORLD_BYTES));
        assertArrayEquals(HELLO_WORLD_BYTES, Z85.decode("HelloWorld"));
    }

    @Test
    void extremesOfAGroupRoundTrip() {
        assertEquals("00000", Z85.encode(new byte[4]));
        byte[] ones = {-1, -1, -1, -1};
        assertEquals("%nSc0", Z85.encode(ones));
        assertArrayEquals(ones, Z85.decode("%nSc0"));
        assertEquals("", Z85.encode(new byte[0]));
        assertEquals(0, Z85.decode("").length);
    }

    @Test
    void randomDataRoundTripsAndUsesOnlyTheAlphabet() {
        Random random = new Random(32);
        for (int length = 0; length <= 256; length += 4) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String text = Z85.encode(data);
            assertEquals(length / 4 * 5, text.length());
            assertTrue(text.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '"' && c != '\\'), text);
            assertArrayEquals(data, Z85.decode(text));
        }
    }

    @Test
    void encodeRejectsALengthThatIsNotAMultipleOfFour() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Z85.encode(new byte[7]));
        assertTrue(e.getMessage().contains("7 bytes"), e.getMessage());
    }

    @Test
    void decodeRejectsALengthThatIsNotAMultipleOfFive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hello1"));
        assertTrue(e.getMessage().contains("6 characters"), e.getMessage());
    }

    @Test
    void decodeRejectsCharactersOutsideTheAlphabetNamingThePosition() {
        for (String bad : new String[] {"Hello World", "HelloWor\"d", "HelloWor ld"}) {
            String text = bad.length() % 5 == 0 ? bad : bad.substring(0, 10);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Z85.decode(text));
            assertTrue(e.getMessage().contains("position"), e.getMessage());
        }
        IllegalArgumentException quote = assertThrows(IllegalArgumentException.class,
                () -> Z85.decode("HelloWor\"d"));
        assertTrue(quote.getMessage().contains("'\"' at position 8"), quote.getMessage());
        IllegalArgumentException unicode = assertThrows(IllegalArgumentException.class,
                () -> Z85.decode("Hell\u00e9"));
        assertTrue(unicode.getMessage().contains("position 4"), unicode.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hell\u0000"));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("~~~~~"));
    }

    @Test
    void decodeRejectsAGroupLargerThan32Bits() {
        // "%nSc0" is 2^32 - 1, the largest group; "%nSc1" is one more.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Z85.decode("00000%nSc1"));
        assertTrue(e.getMessage().contains("position 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("#####"));
    }

    @Test
    void decodeKeyWantsExactlyFortyCharacters() {
        String key = Z85.encode(new byte[32]);
        assertEquals(32, Z85.decodeKey(key).length);
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> Z85.decodeKey(key.substring(5)));
        assertTrue(shortKey.getMessage().contains("40 characters"), shortKey.getMessage());
        assertTrue(shortKey.getMessage().contains("35"), shortKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Z85.decodeKey(key + "00000"));
        assertThrows(IllegalArgumentException.class, () -> Z85.decodeKey(key.substring(1) + " "));
        assertThrows(NullPointerException.class, () -> Z85.decodeKey(null));
    }
}
