package dev.meshmq.examples.cli;

import dev.meshmq.Context;
import dev.meshmq.DishSocket;
import dev.meshmq.Frame;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import dev.meshmq.Socket;
import dev.meshmq.SubSocket;
import dev.meshmq.XSubSocket;
import dev.meshmq.examples.Console;
import dev.meshmq.examples.UsageException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshmq recv}: receives messages on a socket of a receiving type and prints one line per
 * message, frames tab-separated. A REP socket answers every request (an echo, or the fixed
 * {@code --reply}); a SERVER answers only with {@code --reply}. A ROUTER's first frame, the binary
 * routing id, is always printed in hex, and so is a STREAM's (whose data frame is empty when a
 * connection opens or closes). An XSUB sends its subscriptions as messages before it binds
 * or connects. {@code --routing-id} names the socket for a ROUTER peer (a DEALER, say). A DISH joins every
 * {@code --join} group and prints each message's group before its body.
 *
 * <p>Thread-safety: one use per instance.
 */
@Command(name = "recv", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Receive messages and print one line each, frames tab-separated.")
public final class RecvCommand implements Callable<Integer> {

    /** The socket types that can receive first. */
    enum Type { PULL, SUB, XSUB, REP, ROUTER, DEALER, PAIR, SERVER, STREAM, GATHER, CHANNEL, DISH }

    @Option(names = {"-t", "--type"}, required = true, paramLabel = "TYPE",
            description = "Socket type: ${COMPLETION-CANDIDATES}.")
    private Type type;

    @Mixin
    private EndpointOptions endpoints = new EndpointOptions();

    @Mixin
    private RoutingIdOption routingId = new RoutingIdOption();

    @Mixin
    private SecurityFlags security = new SecurityFlags();

    @Option(names = "--subscribe", description = "SUB, XSUB: topic prefix (repeatable; default: everything).")
    private List<String> topics = new ArrayList<>();

    @Option(names = "--join", paramLabel = "GROUP", description = "DISH: a group to join (repeatable, at least one).")
    private List<String> groups = new ArrayList<>();

    @Option(names = {"-n", "--count"}, defaultValue = "0",
            description = "Stop after this many messages (default: never).")
    private int count;

    @Option(names = "--hex", description = "Print every frame in hex.")
    private boolean hex;

    @Option(names = "--reply", description = "REP or SERVER: answer with this text (REP echoes without it).")
    private String reply;

    @Option(names = "--timeout-ms", defaultValue = "0",
            description = "Fail when no message comes for this long (default: wait forever).")
    private long timeoutMillis;

    private final Console console;

    /**
     * Creates the command.
     *
     * @param console where messages are printed
     */
    public RecvCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        endpoints.requireOne();
        if (reply != null && type != Type.REP && type != Type.SERVER) {
            throw new UsageException("--reply is for REP and SERVER sockets, not " + type);
        }
        FrameText text = new FrameText(hex);
        FrameText routingIds = new FrameText(true);
        try (Context context = Context.create(); Socket socket = open(context)) {
            endpoints.attach(socket, console.err());
            for (int received = 0; count == 0 || received < count; received++) {
                Message message = next((MessageReceiver) socket, received);
                String line;
                if (type == Type.ROUTER || type == Type.STREAM) {
                    // the id formatted on its own: as text its bytes may hold a tab
                    String rest = message.size() == 1 ? ""
                            : "\t" + text.format(Message.of(message.frames().subList(1, message.size())));
                    line = routingIds.format(message.first()) + rest;
                } else if (type == Type.DISH) {
                    line = message.group() + "\t" + text.format(message);
                } else {
                    line = text.format(message);
                }
                console.out().println(line);
                console.out().flush();
                answer(socket, message);
            }
        }
        return 0;
    }

    private Message next(MessageReceiver receiver, int received) {
        if (timeoutMillis <= 0) {
            return receiver.receive();
        }
        Optional<Message> message = receiver.receive(Duration.ofMillis(timeoutMillis));
        return message.orElseThrow(() -> new IllegalStateException("no message within " + timeoutMillis
                + " ms (received " + received + ")"));
    }

    private void answer(Socket socket, Message request) {
        if (type == Type.REP) {
            ((MessageSender) socket).send(reply == null ? request : Message.of(reply));
        } else if (type == Type.SERVER && reply != null) {
            ((MessageSender) socket).send(Message.of(Frame.of(reply)).withRoutingId(request.routingId()));
        }
    }

    private Socket open(Context context) {
        Socket socket = Sockets.open(context, type.name());
        routingId.apply(socket, hex);
        security.apply(socket);
        List<String> prefixes = topics.isEmpty() ? List.of("") : topics;
        if (socket instanceof SubSocket sub) {
            prefixes.forEach(sub::subscribe);
        } else if (socket instanceof XSubSocket xsub) {
            for (String prefix : prefixes) {
                byte[] topic = prefix.getBytes(StandardCharsets.UTF_8);
                byte[] subscribe = new byte[topic.length + 1];
                subscribe[0] = 1;
                System.arraycopy(topic, 0, subscribe, 1, topic.length);
                xsub.send(Message.of(subscribe));
            }
        } else if (!topics.isEmpty()) {
            throw new UsageException("--subscribe is for SUB and XSUB sockets, not " + type);
        }
        joinGroups(socket);
        return socket;
    }

    private void joinGroups(Socket socket) {
        if (!(socket instanceof DishSocket dish)) {
            if (!groups.isEmpty()) {
                throw new UsageException("--join is for DISH sockets, not " + type);
            }
            return;
        }
        if (groups.isEmpty()) {
            throw new UsageException("a DISH receives only the groups it joins: give --join GROUP");
        }
        for (String group : groups) {
            try {
                dish.join(group);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--join: " + e.getMessage());
            }
        }
    }
}
