package dev.meshmq;

/**
 * What a {@link Proxy} has forwarded since it started: an immutable snapshot, read from any thread with
 * {@link Proxy#statistics()}. Bytes are the sum of the frame sizes of the messages.
 *
 * <p>Thread-safety: immutable.
 *
 * @param frontendToBackendMessages messages received from the frontend and sent to the backend
 * @param frontendToBackendBytes their bytes
 * @param backendToFrontendMessages messages received from the backend and sent to the frontend
 * @param backendToFrontendBytes their bytes
 * @param messagesNotCaptured copies the capture socket could not take at once (not sent)
 * @param messagesDiscarded messages taken from one side but discarded at termination, because the
 *     other side had no room for them
 */
public record ProxyStatistics(long frontendToBackendMessages, long frontendToBackendBytes,
        long backendToFrontendMessages, long backendToFrontendBytes, long messagesNotCaptured,
        long messagesDiscarded) {
}
