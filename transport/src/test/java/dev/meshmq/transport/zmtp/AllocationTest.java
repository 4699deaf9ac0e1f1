package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Proves that a peer claiming a huge frame costs memory only for the bytes it really sends. */
class AllocationTest {

    private static final long MIB = 1024 * 1024;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private interface Step {
        void run() throws Exception;
    }

    private long allocatedBy(Step step) throws Exception {
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        step.run();
        long before = threads.getCurrentThreadAllocatedBytes();
        step.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void largestAllowedClaimWithTenBodyBytesAllocatesLittle() throws Exception {
        byte[] bytes = Bytes.of(0x02, Bytes.u64(Integer.MAX_VALUE - 16L), "0123456789");
        long allocated = allocatedBy(() -> {
            FrameDecoder decoder = new FrameDecoder(-1);
            decoder.decode(ByteBuffer.wrap(bytes), new Recorder());
            assertEquals(FrameDecoder.State.BODY, decoder.state());
        });
        assertTrue(allocated < MIB, "allocated " + allocated + " bytes");
    }

    @Test
    void claimOfTwoToTheFortyFailsWithoutAllocating() throws Exception {
        byte[] bytes = Bytes.of(0x02, Bytes.u64(1L << 40), "0123456789");
        long allocated = allocatedBy(() -> {
            ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                    () -> new FrameDecoder(-1).decode(ByteBuffer.wrap(bytes), new Recorder()));
            assertEquals(ProtocolError.MESSAGE_TOO_LARGE, e.error());
        });
        assertTrue(allocated < MIB, "allocated " + allocated + " bytes");
    }

    @Test
    void bodyGrowsOnlyWithTheBytesThatArrive() throws Exception {
        byte[] header = Bytes.of(0x02, Bytes.u64(512 * MIB));
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long allocated = allocatedBy(() -> {
            FrameDecoder decoder = new FrameDecoder(-1);
            Recorder recorder = new Recorder();
            decoder.decode(ByteBuffer.wrap(header), recorder);
            for (int i = 0; i < 16; i++) {
                chunk.clear();
                decoder.decode(chunk, recorder);
            }
            assertEquals(FrameDecoder.State.BODY, decoder.state());
        });
        // 1 MiB arrived: buffers of 64 KiB, 128 KiB, ... 1 MiB were allocated, about 2 MiB in all
        assertTrue(allocated < 3 * MIB, "allocated " + allocated + " bytes");
    }

    @Test
    void aLargeBodyWhoseHeaderComesWithAThirtySecondOfItIsAllocatedOnceAtItsSize() throws Exception {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        byte[] first = Bytes.of(0x02, Bytes.u64(MIB), new byte[32 * 1024]);
        long allocated = allocatedBy(() -> {
            FrameDecoder decoder = new FrameDecoder(-1);
            Recorder recorder = new Recorder();
            decoder.decode(ByteBuffer.wrap(first), recorder);
            while (recorder.events.isEmpty()) {
                ByteBuffer target = decoder.directTarget(1);
                chunk.clear().limit(Math.min(chunk.capacity(), target.remaining()));
                target.put(chunk);
                decoder.decode(ByteBuffer.allocate(0), recorder);
            }
            assertEquals(1, recorder.events.size());
        });
        // the body once (1 MiB), plus small objects: no second array, no copy on growth
        assertTrue(allocated >= MIB && allocated < MIB + 64 * 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void aClaimAboveTheEagerLimitWithFewBytesInHandStartsSmall() throws Exception {
        byte[] bytes = Bytes.of(0x02, Bytes.u64(FrameDecoder.EAGER_BODY_BYTES + 1L), "0123456789");
        long allocated = allocatedBy(() -> {
            FrameDecoder decoder = new FrameDecoder(-1);
            decoder.decode(ByteBuffer.wrap(bytes), new Recorder());
            ByteBuffer target = decoder.directTarget(1);
            assertEquals(FrameDecoder.EAGER_BODY_BYTES - 10, target.remaining());
        });
        assertTrue(allocated < 2 * FrameDecoder.EAGER_BODY_BYTES, "allocated " + allocated + " bytes");
    }

    @Test
    void aOneMebibyteCommandClaimWithNothingSentCostsOneKibibyte() throws Exception {
        byte[] bytes = Bytes.of(0x06, Bytes.u64(FrameDecoder.MAX_COMMAND_SIZE));
        long allocated = allocatedBy(() -> {
            FrameDecoder decoder = new FrameDecoder(-1);
            decoder.expectHandshake();
            decoder.decode(ByteBuffer.wrap(bytes), new Recorder());
            assertEquals(FrameDecoder.State.BODY, decoder.state());
        });
        assertTrue(allocated < 8 * 1024, "allocated " + allocated + " bytes");
    }

    @Test
    void aDataFrameBeforeTheHandshakeIsDoneFailsAtItsHeader() throws Exception {
        byte[] bytes = Bytes.of(0x02, Bytes.u64(FrameDecoder.EAGER_BODY_BYTES));
        long allocated = allocatedBy(() -> {
            FrameDecoder decoder = new FrameDecoder(-1);
            decoder.expectHandshake();
            ZmtpProtocolException e = assertThrows(ZmtpProtocolException.class,
                    () -> decoder.decode(ByteBuffer.wrap(bytes), new Recorder()));
            assertEquals(ProtocolError.UNEXPECTED_COMMAND, e.error());
        });
        assertTrue(allocated < 8 * 1024, "allocated " + allocated + " bytes");
        FrameDecoder done = new FrameDecoder(-1);
        done.expectHandshake();
        done.handshakeDone();
        Recorder recorder = new Recorder();
        done.decode(ByteBuffer.wrap(Bytes.of(0x00, 2, "ok")), recorder);
        assertEquals(1, recorder.events.size());
    }
}
