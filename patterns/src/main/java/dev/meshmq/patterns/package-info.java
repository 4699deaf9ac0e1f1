/**
 * The context: {@code MeshContext} (what {@code dev.meshmq.Context.create()} finds through
 * {@code MeshContextProvider}), which creates every socket and its pollers, and {@code MeshPoller}.
 * The sockets themselves live in sub-packages, by concern: {@code core} (what every socket shares),
 * {@code routing} (load balancing, fair queueing, routing tables), {@code sockets} (the request-reply,
 * pipeline, pair and client-server types), {@code pubsub} (publish-subscribe and the subscription
 * index), {@code proxy} and {@code monitor}. Dependencies point one way: this package knows the
 * sub-packages; they know only {@code core}'s {@code SocketHost}, never the context class. None of
 * these packages is exported: the public surface is the {@code dev.meshmq} API module.
 *
 * <p>Threading: the context's methods are thread-safe. A poller belongs to one thread at a time,
 * except {@code wakeup()} and {@code close()}, which any thread may call.
 */
package dev.meshmq.patterns;
