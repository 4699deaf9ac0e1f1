package dev.meshmq.patterns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.Context;
import dev.meshmq.DropListener;
import dev.meshmq.PubSocket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import dev.meshmq.XPubSocket;
import dev.meshmq.testsupport.Endpoints;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A DropListener hears once when a subscriber starts dropping and once when it stops, on the publishing thread. */
class DropListenerTest extends MeshTestSupport {

    private static final int HWM = 10;

    /** Records the events and the thread each came on. */
    private static final class Recorder implements DropListener {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public void dropsChanged(Event event) {
            events.add(event);
            threads.add(Thread.currentThread());
        }
    }

    private static SubSocket slowSubscriber(Context context, PubSocket pub) {
        pub.set(SocketOptions.SEND_HWM, HWM);
        String endpoint = pub.bind(Endpoints.fresh("inproc"));
        SubSocket sub = context.createSub();
        sub.set(SocketOptions.RECEIVE_HWM, HWM);
        sub.connect(endpoint);
        sub.subscribe("");
        assertTrue(pub.awaitSubscribers(1, TIMEOUT));
        return sub;
    }

    @Test
    void reportsTheStartAndTheEndOfARunOfDropsOnThePublishingThread() {
        Context context = newContext();
        PubSocket pub = context.createPub();
        SubSocket sub = slowSubscriber(context, pub);
        Recorder recorder = new Recorder();
        pub.setDropListener(recorder);
        for (int i = 0; i < 2 * HWM + 15; i++) {
            pub.send(numbered("m", i));
        }
        assertEquals(1, recorder.events.size(), "one event for the whole run: " + recorder.events);
        DropListener.Event started = recorder.events.get(0);
        assertTrue(started.started());
        assertEquals(pub.lastEndpoint(), started.endpoint());
        assertEquals(1, started.droppedInRun());
        assertEquals(1, started.droppedTotal());
        for (int i = 0; i < 2 * HWM; i++) {
            assertEquals(i, indexOf(sub.receive(TIMEOUT).orElseThrow()));
        }
        pub.send(numbered("m", 100));
        assertEquals(2, recorder.events.size(), recorder.events::toString);
        DropListener.Event stopped = recorder.events.get(1);
        assertFalse(stopped.started());
        assertEquals(15, stopped.droppedInRun());
        assertEquals(15, stopped.droppedTotal());
        assertEquals(15, pub.publisherStatistics().messagesDropped());
        assertSame(Thread.currentThread(), recorder.threads.get(0));
        assertSame(Thread.currentThread(), recorder.threads.get(1));
        assertEquals(100, indexOf(sub.receive(TIMEOUT).orElseThrow()));
    }

    @Test
    void aSubscriberThatGoesAwayWhileDroppingEndsItsRun() {
        Context context = newContext();
        XPubSocket xpub = context.createXPub();
        SubSocket sub = slowSubscriber(context, xpub);
        Recorder recorder = new Recorder();
        xpub.setDropListener(recorder);
        for (int i = 0; i < 2 * HWM + 3; i++) {
            xpub.send(numbered("m", i));
        }
        sub.close();
        await().atMost(TIMEOUT).until(() -> {
            xpub.trySend(numbered("m", 0));
            return recorder.events.size() == 2;
        });
        assertFalse(recorder.events.get(1).started());
        assertEquals(3, recorder.events.get(1).droppedInRun());
    }

    @Test
    void aListenerThatThrowsDoesNotDisturbPublishingAndCanBeRemoved() {
        Context context = newContext();
        PubSocket pub = context.createPub();
        SubSocket sub = slowSubscriber(context, pub);
        Recorder recorder = new Recorder();
        pub.setDropListener(event -> {
            recorder.dropsChanged(event);
            throw new IllegalStateException("listener bug");
        });
        for (int i = 0; i < 2 * HWM + 1; i++) {
            assertTrue(pub.trySend(numbered("m", i)));
        }
        assertEquals(1, recorder.events.size());
        pub.setDropListener(null);
        for (int i = 0; i < 2 * HWM; i++) {
            sub.receive(TIMEOUT).orElseThrow();
        }
        assertTrue(pub.trySend(numbered("m", 0)));
        assertEquals(1, recorder.events.size(), "a removed listener hears nothing");
    }
}
