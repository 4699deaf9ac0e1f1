package dev.meshmq.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.examples.Threads;
import dev.meshmq.examples.queue.Broker;
import dev.meshmq.examples.queue.QueueWorker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The worker queue's {@code worker} and {@code client} commands against a broker over tcp. */
class QueueCommandsTest {

    @Test
    void clientGetsEveryResultWhileAWorkerCommandCrashes() throws InterruptedException {
        PrintStream notes = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (Context context = Context.create()) {
            Broker broker = new Broker(context, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*", notes);
            Thread brokerThread = Threads.start("test-broker", broker);
            CliRun crashing = CliRun.start("worker", "--connect", broker.backendEndpoint(), "--name", "crasher",
                    "--crash-after", "1", "--work-ms", "1");
            assertTrue(broker.awaitReady(1, Duration.ofSeconds(10)));
            QueueWorker steady = new QueueWorker(context, broker.backendEndpoint(), "steady", 0, Duration.ofMillis(1),
                    notes);
            Thread steadyThread = Threads.start("steady", steady);
            assertTrue(broker.awaitReady(2, Duration.ofSeconds(10)));

            CliRun.Result client = CliRun.run("client", "--connect", broker.frontendEndpoint(), "--name", "t",
                    "--jobs", "4", "--timeout-ms", "500", "--attempts", "4");

            assertEquals(0, client.status(), client.toString());
            assertTrue(client.out().contains("4 of 4 jobs completed"), client.toString());
            assertTrue(client.out().contains("sending it again (attempt 2)"), client.toString());
            for (int job = 1; job <= 4; job++) {
                assertTrue(client.out().contains("t-0" + job + " done by "), client.toString());
            }
            CliRun.Result worker = crashing.finish();
            assertEquals(1, worker.status(), worker.toString());
            assertTrue(worker.out().contains("crasher: crashing with job t-0"), worker.toString());
            steady.stop();
            broker.stop();
            Threads.join(steadyThread, Duration.ofSeconds(10));
            Threads.join(brokerThread, Duration.ofSeconds(10));
        }
    }
}
