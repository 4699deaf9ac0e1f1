package dev.meshmq.transport;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Tells whether the current thread is a virtual thread, on a JDK that has them (the library targets Java 17,
 * where {@code Thread.isVirtual} does not exist; there every thread is a platform thread).
 *
 * <p>Thread-safety: stateless after class initialisation; any thread.
 */
final class VirtualThreads {

    private static final MethodHandle IS_VIRTUAL = findIsVirtual();

    private VirtualThreads() {
    }

    /** Returns whether the calling thread is virtual. */
    @SuppressWarnings("checkstyle:IllegalCatch") // invokeExact declares Throwable; Thread.isVirtual throws nothing
    static boolean isCurrent() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual failed", e);
        }
    }

    private static MethodHandle findIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
