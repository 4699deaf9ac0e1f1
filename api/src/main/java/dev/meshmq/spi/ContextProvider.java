package dev.meshmq.spi;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;

/**
 * Service interface through which {@link Context#create(ContextConfig)} finds the implementation.
 * Applications do not use it.
 *
 * <p>Thread-safety: implementations must be safe to call from any thread.
 */
public interface ContextProvider {

    /**
     * Creates a context.
     *
     * @param config the settings
     * @return a new context
     */
    Context create(ContextConfig config);
}
