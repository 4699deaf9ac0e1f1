package dev.meshmq.transport;

import java.net.SocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Resolves connect targets away from the I/O threads: a host name lookup can block for seconds
 * (a slow or absent DNS server), and an I/O thread waiting for it would stall every connection it
 * owns. Lookups run on up to {@value #THREADS} daemon threads shared by every context in the JVM;
 * an idle thread ends after {@value #IDLE_SECONDS} s. The JDK's own cache of failed lookups
 * ({@code networkaddress.cache.negative.ttl}, 10 s by default) still applies, so a name that starts
 * resolving may be seen up to that much later.
 *
 * <p>Thread-safety: safe for any thread; the callback runs on a resolver thread and must hand its
 * result to the I/O thread itself.
 */
final class NameResolver {

    private static final int THREADS = 4;
    private static final long IDLE_SECONDS = 10;
    private static final ThreadPoolExecutor EXECUTOR = newExecutor();

    private NameResolver() {
    }

    /**
     * Runs {@code lookup} on a resolver thread and gives its result, or what it threw, to {@code done}.
     *
     * @param lookup the resolution; may block
     * @param done receives (address, null) or (null, failure)
     */
    static void resolve(Supplier<SocketAddress> lookup, BiConsumer<SocketAddress, RuntimeException> done) {
        EXECUTOR.execute(() -> {
            SocketAddress address;
            try {
                address = lookup.get();
            } catch (RuntimeException e) {
                done.accept(null, e);
                return;
            }
            done.accept(address, null);
        });
    }

    private static ThreadPoolExecutor newExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "meshmq-resolver-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
