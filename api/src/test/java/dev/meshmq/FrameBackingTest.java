package dev.meshmq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@link Frame} method gives the same answers for a frame held in an array, a heap buffer or a direct one. */
class FrameBackingTest {

    private static final List<Function<byte[], Frame>> BACKINGS = List.of(
            Frame::of,
            Frame::wrap,
            bytes -> Frame.wrap(ByteBuffer.wrap(bytes)),
            bytes -> Frame.wrap(inTheMiddleOfAHeapBuffer(bytes)),
            bytes -> Frame.wrap(inTheMiddleOfAHeapBuffer(bytes).asReadOnlyBuffer()),
            bytes -> Frame.wrap(direct(bytes)),
            bytes -> Frame.wrap(direct(bytes).asReadOnlyBuffer()));

    static ByteBuffer inTheMiddleOfAHeapBuffer(byte[] bytes) {
        ByteBuffer larger = ByteBuffer.allocate(bytes.length + 20);
        larger.position(7).put(bytes);
        return larger.limit(7 + bytes.length).position(7);
    }

    static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    static Stream<Arguments> contents() {
        byte[] random = new byte[1000];
        new Random(5).nextBytes(random);
        return Stream.of(new byte[0], new byte[] {0}, new byte[] {-1, 0, 127, -128},
                "grüße".getBytes(StandardCharsets.UTF_8), random).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("contents")
    void everyBackingAnswersAlike(byte[] bytes) {
        for (int i = 0; i < BACKINGS.size(); i++) {
            Frame frame = BACKINGS.get(i).apply(bytes.clone());
            String backing = "backing " + i;
            assertEquals(bytes.length, frame.size(), backing);
            assertEquals(bytes.length == 0, frame.isEmpty(), backing);
            assertArrayEquals(bytes, frame.toByteArray(), backing);
            assertEquals(new String(bytes, StandardCharsets.UTF_8), frame.asString(), backing);
            assertTrue(frame.contentEquals(bytes), backing);
            assertFalse(frame.contentEquals(Arrays.copyOf(bytes, bytes.length + 1)), backing);
            assertFalse(frame.contentEquals(null), backing);
            assertEquals(Arrays.hashCode(bytes), frame.hashCode(), backing);
            for (int j = 0; j < bytes.length; j++) {
                assertEquals(bytes[j], frame.byteAt(j), backing);
            }
            ByteBuffer view = frame.asReadOnlyBuffer();
            assertTrue(view.isReadOnly(), backing);
            assertEquals(0, view.position(), backing);
            assertEquals(bytes.length, view.limit(), backing);
            assertEquals(ByteBuffer.wrap(bytes), view, backing);
            for (int k = 0; k < BACKINGS.size(); k++) {
                Frame other = BACKINGS.get(k).apply(bytes.clone());
                assertEquals(frame, other, backing + " vs " + k);
                assertEquals(frame.hashCode(), other.hashCode(), backing + " vs " + k);
            }
            assertNotEquals(frame, Frame.of(Arrays.copyOf(bytes, bytes.length + 1)), backing);
            assertNotEquals(frame, bytes, backing);
        }
    }

    @ParameterizedTest
    @MethodSource("contents")
    void copyToCopiesAnyRangeIntoHeapAndDirectTargets(byte[] bytes) {
        for (Function<byte[], Frame> backing : BACKINGS) {
            Frame frame = backing.apply(bytes.clone());
            for (ByteBuffer target : List.of(ByteBuffer.allocate(bytes.length + 4),
                    ByteBuffer.allocateDirect(bytes.length + 4))) {
                int offset = bytes.length / 3;
                int length = bytes.length - offset - bytes.length / 4;
                target.put((byte) 9);
                frame.copyTo(offset, target, length);
                assertEquals(1 + length, target.position());
                target.flip();
                assertEquals(9, target.get());
                byte[] copied = new byte[length];
                target.get(copied);
                assertArrayEquals(Arrays.copyOfRange(bytes, offset, offset + length), copied);
            }
        }
    }

    @Test
    void copyToRejectsRangesOutsideTheFrameAndTargetsTooSmall() {
        for (Function<byte[], Frame> backing : BACKINGS) {
            Frame frame = backing.apply(new byte[] {1, 2, 3, 4});
            assertThrows(IndexOutOfBoundsException.class, () -> frame.copyTo(3, ByteBuffer.allocate(10), 2));
            assertThrows(IndexOutOfBoundsException.class, () -> frame.copyTo(-1, ByteBuffer.allocate(10), 2));
            ByteBuffer small = ByteBuffer.allocate(2);
            assertThrows(BufferOverflowException.class, () -> frame.copyTo(0, small, 3));
            assertEquals(0, small.position(), "nothing written on failure");
        }
    }

    @Test
    void wrapTakesTheBytesBetweenPositionAndLimitAndLeavesTheBufferAlone() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(10);
        for (int i = 0; i < 10; i++) {
            buffer.put((byte) i);
        }
        buffer.limit(8).position(2);
        Frame frame = Frame.wrap(buffer);
        assertEquals(2, buffer.position());
        assertEquals(8, buffer.limit());
        assertArrayEquals(new byte[] {2, 3, 4, 5, 6, 7}, frame.toByteArray());
        buffer.position(0).limit(10);
        assertArrayEquals(new byte[] {2, 3, 4, 5, 6, 7}, frame.toByteArray(), "later moves do not matter");
        assertTrue(frame.isDirect());
        assertEquals("Frame[6 bytes, direct]", frame.toString());
    }

    @Test
    void wrapDoesNotCopy() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(4);
        Frame frame = Frame.wrap(buffer);
        buffer.put(1, (byte) 42);
        assertEquals(42, frame.byteAt(1), "the frame shares the caller's memory, as documented");
        byte[] array = new byte[4];
        Frame arrayFrame = Frame.wrap(ByteBuffer.wrap(array));
        array[2] = 7;
        assertEquals(7, arrayFrame.byteAt(2));
        assertFalse(arrayFrame.isDirect());
    }

    @Test
    void anEmptyBufferIsTheEmptyFrame() {
        assertSame(Frame.EMPTY, Frame.wrap(ByteBuffer.allocateDirect(0)));
        assertSame(Frame.EMPTY, Frame.wrap(ByteBuffer.allocate(5).position(5)));
    }

    @Test
    void viewsAreReadOnlyAndIndependent() {
        Frame frame = Frame.wrap(direct(new byte[] {1, 2, 3}));
        ByteBuffer first = frame.asReadOnlyBuffer();
        assertTrue(first.isDirect());
        assertThrows(ReadOnlyBufferException.class, () -> first.put(0, (byte) 5));
        first.get();
        assertEquals(0, frame.asReadOnlyBuffer().position(), "each view starts at 0");
        assertThrows(IndexOutOfBoundsException.class, () -> frame.byteAt(3));
    }

    @Test
    void aFrameIsReadFromManyThreadsAtOnce() throws InterruptedException {
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        Frame frame = Frame.wrap(direct(bytes));
        Thread[] readers = new Thread[4];
        boolean[] ok = new boolean[readers.length];
        for (int t = 0; t < readers.length; t++) {
            int index = t;
            readers[t] = new Thread(() -> {
                boolean same = true;
                for (int round = 0; round < 500; round++) {
                    same &= Arrays.equals(bytes, frame.toByteArray()) && frame.hashCode() == Arrays.hashCode(bytes);
                    ByteBuffer target = ByteBuffer.allocate(100);
                    frame.copyTo(round, target, 100);
                    same &= Arrays.equals(Arrays.copyOfRange(bytes, round, round + 100), target.array());
                }
                ok[index] = same;
            });
            readers[t].start();
        }
        for (int t = 0; t < readers.length; t++) {
            readers[t].join(10_000);
            assertTrue(ok[t], "reader " + t);
        }
    }
}
