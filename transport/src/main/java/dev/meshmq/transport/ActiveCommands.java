package dev.meshmq.transport;

import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.transport.zmtp.Command;
import dev.meshmq.transport.zmtp.FrameHandler;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import dev.meshmq.transport.zmtp.ZmtpWire;
import java.lang.System.Logger.Level;

/**
 * What a connection does with the frames and commands that come in clear text once its handshake is
 * done (decoded from the wire, or opened from CURVE boxes): messages go to the socket, PING is answered
 * with PONG, SUBSCRIBE and CANCEL become subscription messages on sockets that take them, JOIN and LEAVE
 * become join messages on a RADIO (which drops every message its peers send, as libzmq's does), and any other
 * well-formed command (an unknown name, a second READY, an ERROR) is ignored, as libzmq does and RFC 37
 * allows: counted on the link and reported once per connection.
 *
 * <p>Thread-safety: owned by the connection's I/O thread.
 */
final class ActiveCommands implements FrameHandler {

    private static final System.Logger LOG = SafeLogger.of(ActiveCommands.class);

    private final StreamEngine engine;
    private final Heartbeat heartbeat;
    private final ConnectionReport report;
    private final boolean receivesSubscriptions;
    private final boolean receivesJoins;

    ActiveCommands(StreamEngine engine, Heartbeat heartbeat, ConnectionReport report, SocketType socketType) {
        this.engine = engine;
        this.heartbeat = heartbeat;
        this.report = report;
        this.receivesJoins = GroupWire.receivesJoins(socketType);
        this.receivesSubscriptions = SubscriptionWire.receivesSubscriptions(socketType) && !receivesJoins;
    }

    @Override
    public boolean onMessage(Message message) {
        if (receivesJoins) {
            LOG.log(Level.DEBUG, "RADIO: dropping a message from {0}", engine.remoteAddress());
            return true;
        }
        return engine.deliver(message);
    }

    @Override
    public boolean onCommand(Command command) throws ZmtpProtocolException {
        switch (command.name()) {
            case ZmtpWire.COMMAND_PING:
                heartbeat.onPeerPing(command.pingTtlDeciseconds());
                engine.sendHeartbeat(Command.encodePong(command.pingContext()), true);
                return true;
            case ZmtpWire.COMMAND_PONG:
                return true;
            case ZmtpWire.COMMAND_SUBSCRIBE:
            case ZmtpWire.COMMAND_CANCEL:
                if (receivesSubscriptions) {
                    return engine.deliver(SubscriptionWire.fromCommand(command));
                }
                ignore(command);
                return true;
            case ZmtpWire.COMMAND_JOIN:
            case ZmtpWire.COMMAND_LEAVE:
                Message join = receivesJoins ? GroupWire.fromCommand(command) : null;
                if (join == null) {
                    ignore(command);
                    return true;
                }
                return engine.deliver(join);
            default:
                ignore(command);
                return true;
        }
    }

    /** A well-formed command with no meaning here: counted, reported once per connection, not fatal. */
    private void ignore(Command command) {
        engine.link().countIgnoredCommand();
        LOG.log(Level.DEBUG, "ignoring command {0} from {1}", command.name(), engine.remoteAddress());
        report.commandIgnored(command.name());
    }
}
