package dev.meshmq.transport;

import dev.meshmq.AuthenticationRequest;
import java.util.function.Consumer;

/**
 * A connection's way to its context's security services: sends its mechanism's authentication request
 * to the authentication thread and posts the verdict back to the connection's I/O thread (where the
 * engine ignores it if the connection closed meanwhile), and hands out the CURVE cookie keys. An engine
 * outside a context (unit tests) gets "nobody judged" and cookie keys of its own.
 *
 * <p>Thread-safety: {@link #ask} on the I/O thread; the verdict arrives there as a task.
 */
final class EngineAuthentication {

    private final IoThread io;
    private final TransportOptions options;
    private final Consumer<Verdict> onVerdict;
    private final SecurityServices services;

    EngineAuthentication(IoThread io, TransportOptions options, Consumer<Verdict> onVerdict) {
        this.io = io;
        this.options = options;
        this.onVerdict = onVerdict;
        this.services = io.security();
    }

    /** Asks about the peer; never blocks. */
    void ask(AuthenticationRequest request) {
        Consumer<Verdict> back = verdict -> io.execute(() -> onVerdict.accept(verdict));
        if (services == null) {
            back.accept(Verdict.noJudge());
        } else {
            services.authentication().submit(options.security().authenticator(), request, options.routingId(), back);
        }
    }

    /** Returns the cookie keys of the context's CURVE servers. */
    CurveCookieJar cookies() {
        return services != null ? services.cookies() : new CurveCookieJar(io.clock());
    }
}
