/**
 * The public surface of MeshMQ: contexts, sockets of each pattern, messages, options and errors.
 * Implementations are found through {@link dev.meshmq.spi.ContextProvider}.
 */
module dev.meshmq {
    exports dev.meshmq;
    exports dev.meshmq.spi;
    exports dev.meshmq.auth;

    uses dev.meshmq.spi.ContextProvider;
}
