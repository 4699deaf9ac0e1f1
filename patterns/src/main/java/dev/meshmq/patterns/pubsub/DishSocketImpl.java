package dev.meshmq.patterns.pubsub;

import dev.meshmq.DishSocket;
import dev.meshmq.Groups;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
import dev.meshmq.patterns.routing.FairQueue;
import dev.meshmq.transport.GroupWire;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DISH: fair-queued receipt from every RADIO link of the groups joined; the joins go to every link
 * ({@link UpstreamWriter}, which never loses one), to each new link when it is admitted, and the transport
 * replays them after a reconnect. Each message is checked ({@link GroupWire#fromWire}) and filtered here
 * too: a udp link carries every group.
 *
 * <p>Thread-safety: safe for any number of threads ({@link SocketBase} takes its lock for this type);
 * {@link #joinedGroups()} and {@link #malformedDiscarded()} from any thread.
 */
public final class DishSocketImpl extends SocketBase implements DishSocket {

    private final FairQueue fairQueue = new FairQueue(link -> { });
    private final UpstreamWriter upstream = new UpstreamWriter();
    private final Set<String> joined = ConcurrentHashMap.newKeySet();
    private final AtomicLong malformed = new AtomicLong();

    /** Creates the socket in the context {@code context}; called by the context only. */
    public DishSocketImpl(SocketHost context) {
        super(context, SocketType.DISH);
    }

    @Override
    protected boolean admit(PeerLink link) {
        fairQueue.activate(link);
        upstream.add(link);
        for (String group : joined) {
            upstream.send(link, GroupWire.joinMessage(true, group), false);
        }
        return true;
    }

    @Override
    protected void linkDetached(PeerLink link) {
        fairQueue.activate(link);
        upstream.remove(link);
    }

    @Override
    protected void linkReadable(PeerLink link) {
        fairQueue.activate(link);
    }

    @Override
    protected void linkWritable(PeerLink link) {
        upstream.flush(link);
    }

    @Override
    protected boolean attemptSend(Message message) {
        throw new UnsupportedOperationException("a DISH socket cannot send");
    }

    @Override
    protected Message attemptReceive() {
        Message wire;
        while ((wire = fairQueue.receive()) != null) {
            Message message = GroupWire.fromWire(wire);
            if (message == null) {
                malformed.incrementAndGet();
            } else if (joined.contains(message.group())) {
                return message;
            }
        }
        return null;
    }

    @Override
    public boolean join(String group) {
        Groups.check(group);
        boolean[] added = new boolean[1];
        runAsOwner(() -> {
            added[0] = joined.add(group);
            if (added[0]) {
                upstream.sendToAll(GroupWire.joinMessage(true, group), false);
            }
        });
        return added[0];
    }

    @Override
    public boolean leave(String group) {
        Groups.check(group);
        boolean[] removed = new boolean[1];
        runAsOwner(() -> {
            removed[0] = joined.remove(group);
            if (removed[0]) {
                upstream.sendToAll(GroupWire.joinMessage(false, group), false);
            }
        });
        return removed[0];
    }

    @Override
    public Set<String> joinedGroups() {
        return Set.copyOf(joined);
    }

    @Override
    public long malformedDiscarded() {
        return malformed.get();
    }

    @Override
    public Message receive() {
        return receiveWithin(null);
    }

    @Override
    public Optional<Message> receive(Duration timeout) {
        return Optional.ofNullable(receiveWithin(Timeouts.requireTimeout(timeout)));
    }
}
