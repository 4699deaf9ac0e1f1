package dev.meshmq.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PubSocket;
import dev.meshmq.PullSocket;
import dev.meshmq.PushSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import dev.meshmq.testsupport.Endpoints;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that goes with messages still queued for it: the loss is counted for every type, logged as a
 * WARNING for a PUSH, and at DEBUG for a PUB (a subscriber that leaves takes only what came while it was
 * there; a fan-out to churning subscribers must not log a WARNING per departure).
 *
 * <p>Thread-safety: one test thread.
 */
class DisconnectLossLogTest extends FaultTestSupport {

    private static final String LOGGER = "dev.meshmq.patterns.core.LinkEvents";
    private static final byte[] BIG = new byte[256 * 1024];

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger(LOGGER);
    private Level levelBefore;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (String.valueOf(record.getMessage()).contains("whose connection ended")) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        levelBefore = log.getLevel();
        log.setLevel(Level.ALL);
        log.addHandler(handler);
    }

    @AfterEach
    void release() {
        log.removeHandler(handler);
        log.setLevel(levelBefore);
    }

    @Test
    void aPushLogsItsLossAsAWarning() {
        Context context = newContext();
        Context peers = newContext();
        try (PushSocket push = context.createPush()) {
            push.set(SocketOptions.SEND_HWM, 50);
            PullSocket slow = peers.createPull();
            slow.set(SocketOptions.RECEIVE_HWM, 1);
            slow.connect(push.bind(Endpoints.fresh("tcp")));
            fillTowardsAStalledPeer(push, 2);
            slow.close();
            // the socket handles the detach (and counts) on its next call: a send, refused with no peer left
            awaitLoss(push, () -> push.trySend(Message.of("poke")), Level.WARNING);
        } finally {
            context.close();
            peers.close();
        }
    }

    @Test
    void aPubLogsItsDepartedSubscribersBacklogAtDebug() {
        Context context = newContext();
        Context peers = newContext();
        try (PubSocket pub = context.createPub()) {
            pub.set(SocketOptions.SEND_HWM, 50);
            SubSocket slow = peers.createSub();
            slow.set(SocketOptions.RECEIVE_HWM, 1);
            slow.subscribe(new byte[0]);
            slow.connect(pub.bind(Endpoints.fresh("tcp")));
            await().atMost(TIMEOUT).until(() -> {
                pub.send(Message.of(BIG));
                return pub.statistics().droppedAtHwm() > 0;
            });
            slow.close();
            awaitLoss(pub, () -> pub.send(Message.of("poke")), Level.FINE);
        } finally {
            context.close();
            peers.close();
        }
    }

    /** Waits until the socket counted the loss, then checks it was logged once, at {@code level}. */
    private void awaitLoss(Socket socket, Runnable poke, Level level) {
        await().atMost(TIMEOUT).until(() -> {
            poke.run();
            return socket.statistics().discardedAtDisconnect() > 0;
        });
        await().atMost(TIMEOUT).until(() -> !records.isEmpty());
        assertTrue(records.stream().allMatch(record -> record.getLevel().equals(level)),
                () -> records.stream().map(record -> record.getLevel() + " " + record.getMessage()).toList()
                        .toString());
    }
}
