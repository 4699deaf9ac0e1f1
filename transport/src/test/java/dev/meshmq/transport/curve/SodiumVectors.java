package dev.meshmq.transport.curve;

import java.util.HexFormat;

/**
 * libsodium's published crypto_box and crypto_secretbox test vectors (test/default/box.c, box2.c,
 * secretbox.c and their .exp files): Alice's and Bob's keys, the nonce, the 131-byte message and the
 * 147-byte combined box (tag then ciphertext) that both functions produce.
 */
final class SodiumVectors {

    static final byte[] ALICE_SECRET = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    static final byte[] ALICE_PUBLIC = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    static final byte[] BOB_SECRET = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    static final byte[] BOB_PUBLIC = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    /** box.c's point of small order, which crypto_box_beforenm refuses. */
    static final byte[] SMALL_ORDER_POINT =
            hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");
    /** crypto_box_beforenm(bobpk, alicesk), the "firstkey" of secretbox.c. */
    static final byte[] SHARED_KEY = hex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    static final byte[] NONCE = hex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    static final byte[] MESSAGE = hex("be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
            + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa134"
            + "8057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937"
            + "763848645e0705");
    static final byte[] BOX = hex("f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
            + "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d517"
            + "38b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88"
            + "d5f9b37973f622a43d14a6599b1f654cb45a74e355a5");

    private SodiumVectors() {
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }
}
