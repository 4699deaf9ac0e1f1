package dev.meshmq.bench;

import dev.meshmq.bench.BenchImpl.BenchContext;
import dev.meshmq.bench.BenchImpl.BenchSocket;

/**
 * A connect-rate server of one messaging library: a PULL bound to an ephemeral loopback tcp port in a
 * context of its own (one I/O thread), with backlog {@link ConnectTarget#BACKLOG}. Clients are fresh
 * PUSH sockets, all in a second context of the same library (one I/O thread), in this process.
 *
 * <p>Thread-safety: see {@link ConnectTarget}.
 */
final class LibraryConnectTarget implements ConnectTarget {

    private static final byte[] ONE_BYTE = {1};

    private final BenchContext serverContext;
    private final BenchContext clientContext;
    private final BenchSocket pull;
    private final String endpoint;

    LibraryConnectTarget(BenchImpl impl) {
        serverContext = impl.open();
        clientContext = impl.open();
        pull = serverContext.createPull();
        pull.setBacklog(BACKLOG);
        endpoint = pull.bind(Transport.TCP.bindEndpoint());
    }

    @Override
    public Client newClient() {
        BenchSocket push = clientContext.createPush();
        return new Client() {
            @Override
            public void connectAndSend() {
                push.connectAsTheLibraryDoes(endpoint);
                push.send(ONE_BYTE);
            }

            @Override
            public void close() {
                push.close();
            }
        };
    }

    @Override
    public void awaitArrivals(int count) {
        for (int i = 0; i < count; i++) {
            int size = pull.receive();
            if (size != ONE_BYTE.length) {
                throw new BenchFailure("the server received a " + size + "-byte message, expected 1");
            }
        }
    }

    @Override
    public void abort() {
        serverContext.abort();
        clientContext.abort();
    }

    @Override
    public void close() {
        clientContext.close();
        serverContext.close();
    }
}
