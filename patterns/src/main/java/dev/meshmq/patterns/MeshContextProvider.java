package dev.meshmq.patterns;

import dev.meshmq.Context;
import dev.meshmq.ContextConfig;
import dev.meshmq.spi.ContextProvider;

/**
 * The service through which {@link Context#create(ContextConfig)} finds this implementation.
 *
 * <p>Thread-safety: stateless.
 */
public final class MeshContextProvider implements ContextProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public MeshContextProvider() {
    }

    @Override
    public Context create(ContextConfig config) {
        return new MeshContext(config);
    }
}
