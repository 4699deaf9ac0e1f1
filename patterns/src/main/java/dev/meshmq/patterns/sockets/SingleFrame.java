package dev.meshmq.patterns.sockets;

import dev.meshmq.Message;

/**
 * The single-frame rule of the thread-safe types (CLIENT, SERVER): multipart messages are refused
 * on send and discarded on receipt.
 *
 * <p>Thread-safety: stateless.
 */
final class SingleFrame {

    private SingleFrame() {
    }

    static void requireSingleFrame(Message message, String socketType) {
        if (message.size() != 1) {
            throw new IllegalArgumentException("a " + socketType + " socket sends single-frame messages only, not "
                    + message.size() + " frames");
        }
    }
}
