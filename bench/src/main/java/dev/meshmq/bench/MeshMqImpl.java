package dev.meshmq.bench;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.PubSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import java.time.Duration;

/**
 * MeshMQ through its public API only, with its default settings except, when asked, the spin wait.
 *
 * <p>Thread-safety: immutable; see {@link BenchImpl}.
 */
final class MeshMqImpl implements BenchImpl {

    private final ContextConfig config;
    /** The keys of a CURVE run, or null. */
    private final CurveSetup curve;

    /**
     * Creates the implementation.
     *
     * @param spinUs the contexts' spin wait in microseconds, or {@link BenchOptions#DEFAULT_SPIN} for
     *     MeshMQ's default
     * @param curve the keys of a CURVE run (binders are servers, connecters clients), or null for NULL
     */
    MeshMqImpl(int spinUs, CurveSetup curve) {
        this.curve = curve;
        ContextConfig defaults = ContextConfig.defaults();
        this.config = spinUs == BenchOptions.DEFAULT_SPIN ? defaults
                : defaults.withSpinWait(Duration.ofNanos(spinUs * 1000L));
    }

    /** Returns the settings every context of this implementation is created with. */
    ContextConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "meshmq";
    }

    @Override
    public BenchContext open() {
        Context context = Context.create(config);
        return new BenchContext() {
            @Override
            public BenchSocket createPush() {
                return new MeshSocket(context.createPush(), curve);
            }

            @Override
            public BenchSocket createPull() {
                return new MeshSocket(context.createPull(), curve);
            }

            @Override
            public BenchSocket createReq() {
                return new MeshSocket(context.createReq(), curve);
            }

            @Override
            public BenchSocket createRep() {
                return new MeshSocket(context.createRep(), curve);
            }

            @Override
            public BenchSocket createPub(boolean noDrop) {
                PubSocket pub = context.createPub();
                pub.set(SocketOptions.XPUB_NODROP, noDrop);
                return new MeshSocket(pub, curve);
            }

            @Override
            public BenchSocket createSub() {
                SubSocket sub = context.createSub();
                sub.subscribe("");
                return new MeshSocket(sub, curve);
            }

            @Override
            public void close() {
                context.close();
            }

            @Override
            public void abort() {
                context.close();
            }
        };
    }

    /** Adapts a MeshMQ socket; sending on a PULL or receiving on a PUSH is a programming error. */
    private static final class MeshSocket implements BenchSocket {

        private final Socket socket;
        private final CurveSetup curve;

        MeshSocket(Socket socket, CurveSetup curve) {
            this.socket = socket;
            this.curve = curve;
            socket.set(SocketOptions.SEND_HWM, HWM);
            socket.set(SocketOptions.RECEIVE_HWM, HWM);
        }

        @Override
        public String bind(String endpoint) {
            if (curve != null) {
                socket.set(SocketOptions.CURVE_SERVER, true);
                socket.set(SocketOptions.CURVE_SECRET_KEY, curve.serverSecret);
            }
            return socket.bind(endpoint);
        }

        @Override
        public void setBacklog(int connections) {
            socket.set(SocketOptions.BACKLOG, connections);
        }

        @Override
        public void connect(String endpoint) {
            if (curve != null) {
                socket.set(SocketOptions.CURVE_SERVER_KEY, curve.serverPublic);
                socket.set(SocketOptions.CURVE_PUBLIC_KEY, curve.clientPublic);
                socket.set(SocketOptions.CURVE_SECRET_KEY, curve.clientSecret);
            }
            socket.connect(endpoint);
        }

        @Override
        public void send(byte[] body) {
            ((MessageSender) socket).send(Message.wrap(body));
        }

        @Override
        public int receive() {
            return ((MessageReceiver) socket).receive().frame(0).size();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
