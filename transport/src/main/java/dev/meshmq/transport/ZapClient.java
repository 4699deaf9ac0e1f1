package dev.meshmq.transport;

import dev.meshmq.AuthenticationRequest;
import dev.meshmq.AuthenticationResult;
import dev.meshmq.Message;
import dev.meshmq.MonitorEvent;
import dev.meshmq.SocketType;
import dev.meshmq.transport.zmtp.ProtocolError;
import dev.meshmq.transport.zmtp.PropertyCodec;
import dev.meshmq.transport.zmtp.ZmtpProtocolException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ZAP client of one context (RFC 27): sends authentication requests to the handler bound at
 * {@code inproc://zeromq.zap.01} (a REP or ROUTER socket of the same context) over an inproc link it
 * makes as a DEALER, with no high-water mark, as libzmq does, and matches the replies to the requests by
 * their request id. Requests go out one after another without waiting, so a slow handler holds up only
 * the handshakes that wait for it. A handler that goes away fails the requests it had.
 *
 * <p>Request frames: "", "1.0", request id, domain, address, identity, mechanism, credentials (PLAIN:
 * user name and password; CURVE: the client's 32-byte public key). Reply frames: "", "1.0", request
 * id, status code, status text, user id, metadata.
 *
 * <p>Thread-safety: used on the authentication thread only, except {@link #detach}, which posts.
 */
final class ZapClient implements LinkHost {

    static final String NAME = "zeromq.zap.01";
    static final String ENDPOINT = "inproc://" + NAME;
    private static final System.Logger LOG = SafeLogger.of(ZapClient.class);
    private static final byte[] VERSION = "1.0".getBytes(StandardCharsets.US_ASCII);
    private static final int REPLY_FRAMES = 7;
    private static final TransportOptions OPTIONS = new TransportOptions(SocketType.DEALER, 0, 0, 0,
            100_000_000L, 0, 0, -1, -1, 0, false, new byte[0], new HeartbeatSettings(0, 0, 0),
            new ReconnectRules(false, false, false, 0), false, 1, ConnectionSettings.DEFAULTS,
            SecuritySettings.NONE);

    private final InprocRegistry inproc;
    private final Consumer<Runnable> post;
    private final Map<String, Consumer<Verdict>> pending = new HashMap<>();
    private PeerLink link;
    private long nextRequestId;

    ZapClient(InprocRegistry inproc, Consumer<Runnable> post) {
        this.inproc = inproc;
        this.post = post;
    }

    /**
     * Sends a request to the handler, if one is bound.
     *
     * @param request the request
     * @param identity the identity frame
     * @param reply gets the verdict when the reply comes
     * @return false if no handler is bound
     */
    boolean ask(AuthenticationRequest request, byte[] identity, Consumer<Verdict> reply) {
        if (link == null) {
            if (!inproc.isBound(NAME)) {
                return false;
            }
            PeerLink made = inproc.connect(NAME, ENDPOINT, this);
            made.inbound().registerReader(() -> post.accept(() -> drain(made)));
            link = made;
        }
        String id = Long.toString(++nextRequestId);
        if (!link.outbound().write(requestMessage(request, identity, id))) {
            handlerGone(link);
            return false;
        }
        pending.put(id, reply);
        drain(link);
        return true;
    }

    private static Message requestMessage(AuthenticationRequest request, byte[] identity, String id) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(new byte[0]);
        frames.add(VERSION);
        frames.add(ascii(id));
        frames.add(request.domain().getBytes(StandardCharsets.UTF_8));
        frames.add(request.address().getBytes(StandardCharsets.UTF_8));
        frames.add(identity);
        frames.add(ascii(request.mechanism()));
        request.username().ifPresent(name -> frames.add(name.getBytes(StandardCharsets.UTF_8)));
        request.password().ifPresent(word -> frames.add(word.getBytes(StandardCharsets.UTF_8)));
        request.clientPublicKey().ifPresent(frames::add);
        return Message.of(frames.toArray(new byte[0][]));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private void drain(PeerLink from) {
        if (from != link) {
            return;
        }
        Message reply;
        while ((reply = from.inbound().read()) != null) {
            onReply(reply);
        }
    }

    private void onReply(Message reply) {
        String id = reply.size() > 2 ? reply.string(2) : "";
        Consumer<Verdict> waiting = pending.remove(id);
        if (waiting == null) {
            LOG.log(Level.WARNING, "dropping a ZAP reply with unknown request id ''{0}'' ({1} frames)",
                    id, reply.size());
            return;
        }
        waiting.accept(verdictOf(reply));
    }

    /**
     * Reads a reply into a verdict.
     *
     * @param reply the reply frames
     * @return the verdict, or a failure naming what is wrong with the reply
     */
    static Verdict verdictOf(Message reply) {
        if (reply.size() != REPLY_FRAMES || reply.frame(0).size() != 0) {
            return Verdict.failed(ProtocolError.ZAP_MALFORMED_REPLY,
                    "a ZAP reply has 7 frames starting with an empty one, not " + reply.size());
        }
        if (!"1.0".equals(reply.string(1))) {
            return Verdict.failed(ProtocolError.ZAP_BAD_VERSION, "ZAP version '" + reply.string(1) + "'");
        }
        String status = reply.string(3);
        int code;
        switch (status) {
            case "200" -> code = AuthenticationResult.ALLOWED;
            case "300" -> code = AuthenticationResult.TEMPORARY_ERROR;
            case "400" -> code = AuthenticationResult.DENIED;
            case "500" -> code = AuthenticationResult.INTERNAL_ERROR;
            default -> {
                return Verdict.failed(ProtocolError.ZAP_INVALID_STATUS_CODE, "ZAP status code '" + status + "'");
            }
        }
        if (code != AuthenticationResult.ALLOWED) {
            return Verdict.judged(AuthenticationResult.deny(code, reply.string(4)));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        try {
            Map<String, byte[]> decoded = PropertyCodec.decode(ByteBuffer.wrap(reply.frame(6).toByteArray()),
                    "ZAP metadata", ProtocolError.ZAP_INVALID_METADATA);
            decoded.forEach((name, value) -> properties.put(name, new String(value, StandardCharsets.UTF_8)));
        } catch (ZmtpProtocolException e) {
            return Verdict.failed(ProtocolError.ZAP_INVALID_METADATA, e.getMessage());
        }
        return Verdict.judged(AuthenticationResult.allow(reply.string(5), properties));
    }

    private void handlerGone(PeerLink gone) {
        if (gone != link) {
            return;
        }
        link = null;
        Map<String, Consumer<Verdict>> failed = new HashMap<>(pending);
        pending.clear();
        failed.values().forEach(reply -> reply.accept(
                Verdict.failed(ProtocolError.ZAP_UNSPECIFIED, "the ZAP handler went away")));
    }

    @Override
    public TransportOptions transportOptions() {
        return OPTIONS;
    }

    @Override
    public void attach(PeerLink attached) {
        // a connect is given its link by InprocRegistry.connect; nothing else attaches here
    }

    @Override
    public void peerConnected(PeerLink connected) {
        // the handler was bound when the link was made: nothing to redo
    }

    @Override
    public void detach(PeerLink detached) {
        post.accept(() -> handlerGone(detached));
    }

    @Override
    public boolean isMonitored() {
        return false;
    }

    @Override
    public void monitorEvent(MonitorEvent event) {
        // never monitored
    }
}
