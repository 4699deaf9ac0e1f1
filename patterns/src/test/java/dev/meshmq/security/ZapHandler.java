package dev.meshmq.security;

import dev.meshmq.Context;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.RepSocket;
import dev.meshmq.RouterSocket;
import dev.meshmq.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A ZAP handler for tests, as an application would write one: a REP or ROUTER socket bound at
 * inproc://zeromq.zap.01 in the context, admitting user "admin" with password "secret", on a thread
 * of its own. Records the request frames (after the envelope) it saw.
 */
final class ZapHandler {

    private final List<Message> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ZapHandler(Context context, String type) throws InterruptedException {
        Socket socket = "REP".equals(type) ? context.createRep() : context.createRouter();
        socket.bind("inproc://zeromq.zap.01");
        thread = new Thread(() -> serve(socket), "zap-handler");
        thread.start();
    }

    private void serve(Socket socket) {
        try (socket) {
            while (running) {
                if (socket instanceof RepSocket rep) {
                    rep.receive(Duration.ofMillis(50)).ifPresent(request -> rep.send(reply(request, 0)));
                } else {
                    RouterSocket router = (RouterSocket) socket;
                    router.receive(Duration.ofMillis(50)).ifPresent(request -> router.send(reply(request, 2)));
                }
            }
        }
    }

    /** The reply to a request whose "1.0" frame is at {@code at}; a ROUTER's envelope is kept. */
    private Message reply(Message request, int at) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < request.size(); i++) {
            frames.add(request.string(i));
        }
        requests.add(Message.of(frames.subList(at, frames.size()).toArray(new String[0])));
        boolean ok = frames.size() > at + 7 && "admin".equals(frames.get(at + 6))
                && "secret".equals(frames.get(at + 7));
        List<Frame> reply = new ArrayList<>(request.frames().subList(0, at));
        for (String text : List.of("1.0", frames.get(at + 1), ok ? "200" : "400", ok ? "OK" : "denied",
                ok ? "admin" : "", "")) {
            reply.add(Frame.of(text));
        }
        return Message.of(reply);
    }

    List<Message> requests() {
        return requests;
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
