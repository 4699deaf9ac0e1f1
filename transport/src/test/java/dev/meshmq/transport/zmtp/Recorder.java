package dev.meshmq.transport.zmtp;

import dev.meshmq.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FrameHandler} that records what it receives: a {@link Message}, a command as the string
 * "NAME hex-of-data", or a raw frame as "RAW hex-of-body". It asks the decoder to stop after item number
 * {@code pauseAt} (1-based) and after every item when {@code pauseAlways} is set.
 */
final class Recorder implements FrameHandler {

    final List<Object> events = new ArrayList<>();
    int pauseAt = -1;
    boolean pauseAlways;

    @Override
    public boolean onMessage(Message message) {
        events.add(message);
        return keepGoing();
    }

    @Override
    public boolean onCommand(Command command) throws ZmtpProtocolException {
        events.add(describe(command));
        return keepGoing();
    }

    /** Records a raw frame (a CURVE box) as "RAW hex-of-body". */
    @Override
    public boolean onRawFrame(byte[] body) {
        events.add("RAW " + Bytes.toHex(body));
        return keepGoing();
    }

    static String describe(Command command) {
        return command.name() + " " + Bytes.toHex(command.data());
    }

    private boolean keepGoing() {
        return !pauseAlways && events.size() != pauseAt;
    }
}
