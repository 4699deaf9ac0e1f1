package dev.meshmq.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.proto.examples.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtobufCodecTest {

    private static final ProtobufCodec<Job> JOBS = ProtobufCodec.of(Job.parser());

    @Test
    void typedMessagesCrossARealSocket() {
        try (Context context = Context.create();
                PullSocket pull = context.createPull();
                PushSocket push = context.createPush()) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            Job job = Job.newBuilder().setId("j-1").setKind("resize")
                    .setPayload(ByteString.copyFromUtf8("image")).setAttempt(2).build();
            push.send(JOBS.toMessage(job));
            Message received = pull.receive(Duration.ofSeconds(10)).orElseThrow();
            assertEquals(job, JOBS.decode(received.first()));
        }
    }

    @Test
    void aFrameThatDoesNotParseIsAClearErrorNamingTheType() {
        Frame garbage = Frame.of(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        ProtobufDecodeException error = assertThrows(ProtobufDecodeException.class, () -> JOBS.decode(garbage));
        assertTrue(error.getMessage().contains("3-byte frame is not a valid Job"), error.getMessage());
    }

    @Test
    void tryDecodeReportsBadFramesWithoutThrowingSoALoopCarriesOn() {
        List<ProtobufDecodeException> errors = new ArrayList<>();
        Job good = Job.newBuilder().setId("ok").build();
        List<Frame> frames = List.of(Frame.of(new byte[] {(byte) 0x0A, 0x05, 'a'}), JOBS.encode(good));
        List<Job> decoded = new ArrayList<>();
        for (Frame frame : frames) {
            Optional<Job> job = JOBS.tryDecode(frame, errors::add);
            job.ifPresent(decoded::add);
        }
        assertEquals(List.of(good), decoded);
        assertEquals(1, errors.size());
        assertEquals("Job", JOBS.typeName());
    }
}
