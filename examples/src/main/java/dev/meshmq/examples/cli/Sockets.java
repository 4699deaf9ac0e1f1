package dev.meshmq.examples.cli;

import dev.meshmq.Context;
import dev.meshmq.Socket;
import dev.meshmq.SocketType;

/**
 * Opens a socket of a type named on the command line.
 *
 * <p>Thread-safety: stateless.
 */
final class Sockets {

    private Sockets() {
    }

    /** Opens a socket of the type called {@code name} (a {@link SocketType} constant). */
    static Socket open(Context context, String name) {
        return switch (SocketType.valueOf(name)) {
            case PAIR -> context.createPair();
            case PUB -> context.createPub();
            case SUB -> context.createSub();
            case REQ -> context.createReq();
            case REP -> context.createRep();
            case DEALER -> context.createDealer();
            case ROUTER -> context.createRouter();
            case PULL -> context.createPull();
            case PUSH -> context.createPush();
            case XPUB -> context.createXPub();
            case XSUB -> context.createXSub();
            case CLIENT -> context.createClient();
            case SERVER -> context.createServer();
            case STREAM -> context.createStream();
            case SCATTER -> context.createScatter();
            case GATHER -> context.createGather();
            case PEER -> context.createPeer();
            case CHANNEL -> context.createChannel();
            case RADIO -> context.createRadio();
            case DISH -> context.createDish();
        };
    }
}
