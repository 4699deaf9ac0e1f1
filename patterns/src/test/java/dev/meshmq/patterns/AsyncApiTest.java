package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.RepSocket;
import dev.meshmq.ReqSocket;
import dev.meshmq.SocketClosedException;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketStateException;
import dev.meshmq.testsupport.Endpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * sendAsync and receiveAsync: ordering, cancellation, back-pressure, errors, and one thread for all.
 *
 * <p>Thread-safety: JUnit's thread, plus the MeshMQ async thread running the completions.
 */
class AsyncApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Context context;

    @BeforeEach
    void open() {
        context = Context.create();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void pendingReceivesCompleteInCallOrderWithMessagesInArrivalOrder() throws Exception {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            String endpoint = pull.bind(Endpoints.tcp());
            List<String> completed = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Message>> stages = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 50; i++) {
                int call = i;
                CompletableFuture<Message> stage = pull.receiveAsync().toCompletableFuture();
                // a dependent may run on any thread that touches a completed stage (a join helps), so the
                // order of the callbacks proves nothing; what must hold is that every earlier call was
                // complete when this one was
                stage.thenAccept(m -> completed.add(call + ":" + m.string(0) + ":"
                        + stages.subList(0, call).stream().allMatch(CompletableFuture::isDone)));
                stages.add(stage);
            }
            push.connect(endpoint);
            for (int i = 0; i < 50; i++) {
                push.send(Integer.toString(i));
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(Integer.toString(i), join(stages.get(i)).string(0));
            }
            await().atMost(WAIT).until(() -> completed.size() == 50);
            List<String> sorted = new ArrayList<>(completed);
            sorted.sort(java.util.Comparator.comparingInt(
                    entry -> Integer.parseInt(entry.substring(0, entry.indexOf(':')))));
            for (int i = 0; i < 50; i++) {
                assertEquals(i + ":" + i + ":true", sorted.get(i), "call " + i + " completed before an earlier one");
            }
        }
    }

    @Test
    void aCancelledReceiveTakesNoMessage() throws Exception {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            push.connect(pull.bind("inproc://async-cancel"));
            CompletableFuture<Message> first = pull.receiveAsync().toCompletableFuture();
            CompletableFuture<Message> second = pull.receiveAsync().toCompletableFuture();
            CompletableFuture<Message> third = pull.receiveAsync().toCompletableFuture();
            assertTrue(second.cancel(false));
            assertTrue(first.cancel(false));
            push.send("a");
            push.send("b");
            assertEquals("a", join(third).string(0));
            assertTrue(first.isCancelled() && second.isCancelled());
            assertEquals("b", join(pull.receiveAsync()).string(0));
        }
    }

    @Test
    void cancellingAReceiveThatNothingCanSatisfySucceedsEvenWhileTheLoopIsTryingIt() throws Exception {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            push.connect(pull.bind("inproc://async-cancel-race"));
            for (int i = 0; i < 20_000; i++) {
                CompletableFuture<Message> pending = pull.receiveAsync().toCompletableFuture();
                for (int spin = i % 64; spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                assertTrue(pending.cancel(false), "cancel " + i + " of a receive with nothing to take failed");
            }
            push.send("after");
            assertEquals("after", join(pull.receiveAsync()).string(0));
        }
    }

    @Test
    void aTimedOutReceiveLeavesTheMessageForTheNextOne() throws Exception {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            push.connect(pull.bind("inproc://async-timeout"));
            CompletableFuture<Message> timed = pull.receiveAsync().toCompletableFuture()
                    .orTimeout(50, TimeUnit.MILLISECONDS);
            CompletionException timeout = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    timed::join);
            assertInstanceOf(TimeoutException.class, timeout.getCause());
            push.send("kept");
            assertEquals("kept", join(pull.receiveAsync()).string(0));
        }
    }

    @Test
    void sendAsyncCompletesWhenQueuedAndLaterAtTheHighWaterMark() throws Exception {
        String endpoint = Endpoints.ipc();
        try (PushSocket push = context.createPush()) {
            push.set(SocketOptions.SEND_HWM, 2);
            push.connect(endpoint);
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                stages.add(push.sendAsync(Message.of("m" + i)).toCompletableFuture());
            }
            join(stages.get(0));
            join(stages.get(1));
            assertFalse(stages.get(2).isDone(), "the third send must wait: the queue holds two");
            assertTrue(stages.get(3).cancel(false), "a send still waiting can be withdrawn");
            assertEquals(2, push.statistics().peers().get(0).queuedOut());
            try (PullSocket pull = context.createPull()) {
                pull.bind(endpoint);
                join(stages.get(4));
                List<String> received = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    received.add(pull.receive(WAIT).orElseThrow().string(0));
                }
                assertEquals(List.of("m0", "m1", "m2", "m4"), received, "m3 was withdrawn");
                assertTrue(stages.get(2).isDone() && !stages.get(2).isCompletedExceptionally());
            }
        } finally {
            Endpoints.deleteIpcFile(endpoint);
        }
    }

    @Test
    void requestReplyEntirelyAsyncWithTheReplySentFromTheCompletion() throws Exception {
        try (RepSocket rep = context.createRep(); ReqSocket req = context.createReq()) {
            req.connect(rep.bind(Endpoints.tcp()));
            rep.receiveAsync().thenAccept(request -> rep.send("re: " + request.string(0)));
            req.sendAsync(Message.of("ping"));
            assertEquals("re: ping", join(req.receiveAsync()).string(0));
            ExecutionAssert.failsWith(SocketStateException.class, rep.sendAsync(Message.of("no request")));
        }
    }

    @Test
    void anAsyncReceiveWaitsWhileAnotherThreadIsInsideTheSocket() throws Exception {
        try (PullSocket pull = context.createPull(); PushSocket push = context.createPush()) {
            push.connect(pull.bind("inproc://async-busy"));
            CompletableFuture<String> blocking = new CompletableFuture<>();
            Thread receiver = new Thread(() -> blocking.complete(pull.receive(WAIT).map(m -> m.string(0))
                    .orElse("none")), "blocking-receiver");
            receiver.start();
            await().atMost(WAIT).until(() -> isInsideAWait(receiver));
            CompletableFuture<Message> async = pull.receiveAsync().toCompletableFuture();
            push.send("1");
            assertEquals("1", blocking.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            push.send("2");
            assertEquals("2", join(async).string(0));
            receiver.join();
        }
    }

    /** Whether {@code thread} waits inside a socket call. */
    private static boolean isInsideAWait(Thread thread) {
        return java.util.Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> f.getClassName().endsWith(".Waiter") && f.getMethodName().equals("await"));
    }

    @Test
    void closingTheSocketFailsItsPendingOperations() throws Exception {
        PullSocket pull = context.createPull();
        pull.bind("inproc://async-close");
        CompletableFuture<Message> pending = pull.receiveAsync().toCompletableFuture();
        pull.close();
        ExecutionAssert.failsWith(SocketClosedException.class, pending);
        ExecutionAssert.failsWith(SocketClosedException.class, pull.receiveAsync());
    }

    @Test
    void closingTheContextFailsThePendingOperationsOfItsSockets() throws Exception {
        Context other = Context.create();
        PullSocket pull = other.createPull();
        pull.bind("inproc://async-context-close");
        CompletableFuture<Message> pending = pull.receiveAsync().toCompletableFuture();
        other.close();
        CompletionException failure = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> pending.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
        assertInstanceOf(dev.meshmq.MeshException.class, failure.getCause(), failure.toString());
    }

    @Test
    void oneThreadServesTheOperationsOfManySocketsAndEndsWhenNoneIsLeft() throws Exception {
        List<PullSocket> pulls = new ArrayList<>();
        List<CompletableFuture<Message>> stages = new ArrayList<>();
        try (PushSocket push = context.createPush()) {
            for (int i = 0; i < 200; i++) {
                PullSocket pull = context.createPull();
                push.connect(pull.bind("inproc://async-many-" + i));
                pulls.add(pull);
                stages.add(pull.receiveAsync().toCompletableFuture());
            }
            assertTrue(asyncThreads() <= 1, asyncThreads() + " async threads");
            for (int i = 0; i < 200; i++) {
                push.send("to each");
            }
            for (CompletableFuture<Message> stage : stages) {
                assertEquals("to each", join(stage).string(0));
            }
            await().atMost(WAIT).until(() -> asyncThreads() == 0);
        } finally {
            pulls.forEach(PullSocket::close);
        }
    }

    private static long asyncThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("meshmq-async-") && t.isAlive()).count();
    }

    /** Asserts on how a stage completed. */
    private static final class ExecutionAssert {
        private ExecutionAssert() {
        }

        static void failsWith(Class<? extends Throwable> type, java.util.concurrent.CompletionStage<?> stage) {
            CompletionException failure = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> stage.toCompletableFuture().orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
            assertInstanceOf(type, failure.getCause(), failure.toString());
        }
    }
}
