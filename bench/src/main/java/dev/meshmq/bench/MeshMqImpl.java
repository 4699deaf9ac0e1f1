package dev.meshmq.bench;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.PubSocket;
import dev.meshmq.Socket;
import dev.meshmq.SocketOptions;
import dev.meshmq.SubSocket;
import java.nio.ByteBuffer;
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
    /** Whether senders wrap each body in a direct buffer ({@code --direct-frames}). */
    private final boolean directFrames;

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
        this.directFrames = false;
    }

    private MeshMqImpl(MeshMqImpl original, boolean directFrames) {
        this.curve = original.curve;
        this.config = original.config;
        this.directFrames = directFrames;
    }

    /**
     * Returns the same implementation whose senders send each body as {@code Frame.wrap} of a direct
     * buffer holding the same bytes (copied once per body array, not per message).
     *
     * @return the implementation
     */
    MeshMqImpl withDirectFrames() {
        return new MeshMqImpl(this, true);
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
                return new MeshSocket(directFrames, context.createPush(), curve);
            }

            @Override
            public BenchSocket createPull() {
                return new MeshSocket(directFrames, context.createPull(), curve);
            }

            @Override
            public BenchSocket createReq() {
                return new MeshSocket(directFrames, context.createReq(), curve);
            }

            @Override
            public BenchSocket createRep() {
                return new MeshSocket(directFrames, context.createRep(), curve);
            }

            @Override
            public BenchSocket createPub(boolean noDrop) {
                PubSocket pub = context.createPub();
                pub.set(SocketOptions.XPUB_NODROP, noDrop);
                return new MeshSocket(directFrames, pub, curve);
            }

            @Override
            public BenchSocket createSub() {
                SubSocket sub = context.createSub();
                sub.subscribe("");
                return new MeshSocket(directFrames, sub, curve);
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
        private final boolean directFrames;
        /** The body last sent and its direct copy, for {@code --direct-frames}. */
        private byte[] lastBody;
        private ByteBuffer direct;

        MeshSocket(boolean directFrames, Socket socket, CurveSetup curve) {
            this.directFrames = directFrames;
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
            if (!directFrames) {
                ((MessageSender) socket).send(Message.wrap(body));
                return;
            }
            if (body != lastBody) {
                lastBody = body;
                direct = ByteBuffer.allocateDirect(body.length).put(body).flip();
            }
            ((MessageSender) socket).send(Message.of(Frame.wrap(direct)));
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
