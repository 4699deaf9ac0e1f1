/**
 * MeshMQ's public API: {@link dev.meshmq.Context}, one socket type per pattern, {@link dev.meshmq.Message},
 * typed {@link dev.meshmq.SocketOptions} and one exception type per cause.
 */
package dev.meshmq;
