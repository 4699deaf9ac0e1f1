package dev.meshmq.transport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The wire between two peers in a fuzz harness, where the fuzzer decides what happens to each chunk a
 * peer writes (a greeting part, a command frame, an encoded message): delivered as it is, or in two
 * pieces, or tampered with ({@link Fault}). The faults keep the structure of the chunk where it helps
 * the fuzzer reach deep: {@link Fault#REPLACE_DATA} keeps a frame's header and a command's name and
 * replaces the rest with as many fuzzer bytes (a "valid-looking" command with the right lengths),
 * {@link Fault#OVERWRITE} changes a few bytes in place (a CURVE INITIATE keeps its valid cookie and gets
 * a broken box), {@link Fault#REPLAY} and {@link Fault#DELAY} replay and reorder whole frames (nonces
 * that repeat or go down).
 *
 * <p>Thread-safety: stateless; the fuzzer's data provider is confined to the harness's thread.
 */
final class FuzzChannel {

    /** What the wire does to a chunk. {@link #NONE} is first, so an exhausted input delivers everything. */
    enum Fault {
        /** Delivered as written. */
        NONE,
        /** Delivered as written, in two pieces (not a fault: the bytes are the same). */
        SPLIT,
        /** One bit flipped. */
        FLIP_BIT,
        /** A few bytes overwritten in place. */
        OVERWRITE,
        /** Cut short. */
        TRUNCATE,
        /** Fuzzer bytes appended. */
        APPEND,
        /** Frame header and command name kept; every other byte replaced by a fuzzer byte. */
        REPLACE_DATA,
        /** Replaced by a command of a known or made-up name with fuzzer data. */
        FORGE_COMMAND,
        /** Delivered twice. */
        REPLAY,
        /** Lost. */
        DROP,
        /** Replaced by fuzzer bytes. */
        RAW_BYTES,
        /** Held back and delivered after what the peer writes next. */
        DELAY
    }

    /** Command names a forged command takes (or a made-up one). */
    static final String[] COMMAND_NAMES = {"HELLO", "WELCOME", "INITIATE", "READY", "ERROR", "MESSAGE",
        ZmtpWire.COMMAND_PING, ZmtpWire.COMMAND_PONG, ZmtpWire.COMMAND_SUBSCRIBE, ZmtpWire.COMMAND_CANCEL};

    private static final Fault[] FAULTS = Fault.values();
    private static final int MAX_FORGED_DATA = 600;

    private FuzzChannel() {
    }

    /**
     * Picks what happens to the next chunk.
     *
     * @param data the fuzzer's input
     * @return the fault, {@link Fault#NONE} once the input is used up
     */
    static Fault pickFault(FuzzedDataProvider data) {
        return FAULTS[data.consumeInt(0, FAULTS.length - 1)];
    }

    /**
     * Applies a fault to a chunk ({@link Fault#DELAY} is the caller's: it requeues the chunk).
     *
     * @param fault the fault
     * @param chunk the bytes a peer wrote (not changed)
     * @param data the fuzzer's input
     * @return the pieces to deliver, in order, possibly none
     */
    static List<byte[]> apply(Fault fault, byte[] chunk, FuzzedDataProvider data) {
        return switch (fault) {
            case NONE, DELAY -> List.of(chunk);
            case SPLIT -> split(chunk, data);
            case FLIP_BIT -> List.of(flipBit(chunk, data));
            case OVERWRITE -> List.of(overwrite(chunk, data));
            case TRUNCATE -> List.of(Arrays.copyOf(chunk, data.consumeInt(0, Math.max(0, chunk.length - 1))));
            case APPEND -> List.of(concat(chunk, data.consumeBytes(data.consumeInt(1, 64))));
            case REPLACE_DATA -> List.of(replaceData(chunk, data));
            case FORGE_COMMAND -> List.of(forgeCommand(data));
            case REPLAY -> List.of(chunk, chunk);
            case DROP -> List.of();
            case RAW_BYTES -> List.of(data.consumeBytes(data.consumeInt(0, MAX_FORGED_DATA)));
        };
    }

    /**
     * Makes a command frame of a known or made-up name (any bytes, even an empty or illegal name) and
     * fuzzer data.
     *
     * @param data the fuzzer's input
     * @return the whole frame
     */
    static byte[] forgeCommand(FuzzedDataProvider data) {
        byte[] name = data.consumeBoolean()
                ? data.consumeBytes(data.consumeInt(0, 12))
                : data.pickValue(COMMAND_NAMES).getBytes(StandardCharsets.US_ASCII);
        byte[] body = concat(new byte[] {(byte) name.length}, concat(name,
                data.consumeBytes(data.consumeInt(0, MAX_FORGED_DATA))));
        return frame(ZmtpWire.FLAG_COMMAND, body);
    }

    /** A frame with the given flags (LONG added when needed) around {@code body}. */
    static byte[] frame(int flags, byte[] body) {
        boolean longForm = body.length > ZmtpWire.MAX_SHORT_SIZE;
        ByteBuffer frame = ByteBuffer.allocate((longForm ? 9 : 2) + body.length);
        if (longForm) {
            frame.put((byte) (flags | ZmtpWire.FLAG_LONG)).putLong(body.length);
        } else {
            frame.put((byte) flags).put((byte) body.length);
        }
        return frame.put(body).array();
    }

    private static List<byte[]> split(byte[] chunk, FuzzedDataProvider data) {
        if (chunk.length < 2) {
            return List.of(chunk);
        }
        int at = data.consumeInt(1, chunk.length - 1);
        return List.of(Arrays.copyOf(chunk, at), Arrays.copyOfRange(chunk, at, chunk.length));
    }

    private static byte[] flipBit(byte[] chunk, FuzzedDataProvider data) {
        byte[] copy = chunk.clone();
        if (copy.length > 0) {
            int bit = data.consumeInt(0, copy.length * 8 - 1);
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return copy;
    }

    private static byte[] overwrite(byte[] chunk, FuzzedDataProvider data) {
        byte[] copy = chunk.clone();
        if (copy.length == 0) {
            return copy;
        }
        int at = data.consumeInt(0, copy.length - 1);
        byte[] bytes = data.consumeBytes(data.consumeInt(1, 32));
        System.arraycopy(bytes, 0, copy, at, Math.min(bytes.length, copy.length - at));
        return copy;
    }

    /** Keeps the header and (for a command) its name; the rest becomes fuzzer bytes, zeros when they run out. */
    private static byte[] replaceData(byte[] chunk, FuzzedDataProvider data) {
        byte[] copy = chunk.clone();
        if (copy.length == 0) {
            return copy;
        }
        int keep = Math.min(copy.length, headerSize(copy));
        if ((copy[0] & ZmtpWire.FLAG_COMMAND) != 0 && keep < copy.length) {
            keep = Math.min(copy.length, keep + 1 + (copy[keep] & 0xFF));
        } else if (keep < copy.length) {
            keep += data.consumeInt(0, copy.length - keep);
        }
        byte[] bytes = data.consumeBytes(copy.length - keep);
        Arrays.fill(copy, keep, copy.length, (byte) 0);
        System.arraycopy(bytes, 0, copy, keep, bytes.length);
        return copy;
    }

    /** The size of a frame header at the start of {@code chunk}, or the whole chunk if it is no frame. */
    private static int headerSize(byte[] chunk) {
        if (chunk.length == 0) {
            return 0;
        }
        return (chunk[0] & ZmtpWire.FLAG_LONG) != 0 ? 9 : 2;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
