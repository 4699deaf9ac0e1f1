package dev.meshmq.transport.zmtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTest {

    private static final byte[] DEALER_READY = Bytes.of(0x04, 0x29, 5, "READY", 0x0b, "Socket-Type",
            Bytes.u32(6), "DEALER", 8, "Identity", Bytes.u32(0));

    /** Strips the flags and size of a whole frame and parses the body. */
    static Command parseFrame(byte[] frame) throws ZmtpProtocolException {
        int headerSize = (frame[0] & ZmtpWire.FLAG_LONG) != 0 ? 9 : 2;
        return Command.parse(Arrays.copyOfRange(frame, headerSize, frame.length));
    }

    private static ZmtpProtocolException parseFails(byte[] body) {
        return assertThrows(ZmtpProtocolException.class, () -> Command.parse(body));
    }

    private static ZmtpProtocolException readyFails(byte[] properties) throws ZmtpProtocolException {
        Command ready = Command.parse(Bytes.of(5, "READY", properties));
        return assertThrows(ZmtpProtocolException.class, ready::readyProperties);
    }

    private static Map<String, byte[]> props(Object... namesAndValues) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], Bytes.of(namesAndValues[i + 1]));
        }
        return map;
    }

    @Test
    void encodesTheGoldenDealerReady() {
        byte[] frame = Command.encodeReady(props("Socket-Type", "DEALER", "Identity", new byte[0]));
        assertEquals(Bytes.toHex(DEALER_READY), Bytes.toHex(frame));
        assertEquals(2 + 41, frame.length);
    }

    @Test
    void encodesTheGoldenRepReady() {
        byte[] expected = Bytes.of(0x04, 0x19, 5, "READY", 0x0b, "Socket-Type", Bytes.u32(3), "REP");
        assertArrayEquals(expected, Command.encodeReady(props("Socket-Type", "REP")));
    }

    @Test
    void encodesGoldenHeartbeatsSubscriptionsAndError() {
        assertArrayEquals(Bytes.of(0x04, 0x07, 4, "PING", 0x00, 0x19), Command.encodePing(25, new byte[0]));
        assertArrayEquals(Bytes.of(0x04, 0x05, 4, "PONG"), Command.encodePong(new byte[0]));
        assertArrayEquals(Bytes.of(0x04, 0x0d, 4, "PONG", "ctx-1234"), Command.encodePong(Bytes.of("ctx-1234")));
        assertArrayEquals(Bytes.of(0x04, 0x0c, 9, "SUBSCRIBE", 0x61, 0x62), Command.encodeSubscribe(Bytes.of("ab")));
        assertArrayEquals(Bytes.of(0x04, 0x09, 6, "CANCEL", 0x61, 0x62), Command.encodeCancel(Bytes.of("ab")));
        assertArrayEquals(Bytes.of(0x04, 0x0a, 5, "ERROR", 3, "400"), Command.encodeError("400"));
    }

    @Test
    void encodesLargeCommandsInLongForm() throws ZmtpProtocolException {
        byte[] value = new byte[300];
        Arrays.fill(value, (byte) 'v');
        byte[] frame = Command.encodeReady(props("X-Big", value));
        long bodySize = 1 + 5 + 1 + 5 + 4 + 300;
        assertArrayEquals(Bytes.of(0x06, Bytes.u64(bodySize)), Arrays.copyOf(frame, 9));
        assertEquals(9 + bodySize, frame.length);
        assertArrayEquals(value, parseFrame(frame).readyProperties().get("x-big"));

        byte[] topic = new byte[250];
        assertEquals(0x06, Command.encodeSubscribe(topic)[0]);
        assertEquals(0x04, Command.encodeSubscribe(new byte[245])[0]);
    }

    @Test
    void keepsTheMapsIterationOrder() {
        byte[] frame = Command.encodeReady(props("Identity", "", "Socket-Type", "DEALER"));
        assertArrayEquals(Bytes.of(0x04, 0x29, 5, "READY", 8, "Identity", Bytes.u32(0), 0x0b, "Socket-Type",
                Bytes.u32(6), "DEALER"), frame);
    }

    @Test
    void parsesTheGoldenReadyWithCaseInsensitiveNames() throws ZmtpProtocolException {
        Command ready = parseFrame(DEALER_READY);
        assertEquals("READY", ready.name());
        Map<String, byte[]> properties = ready.readyProperties();
        assertEquals(2, properties.size());
        assertArrayEquals(Bytes.of("DEALER"), properties.get("socket-type"));
        assertArrayEquals(Bytes.of("DEALER"), properties.get("SOCKET-TYPE"));
        assertArrayEquals(new byte[0], properties.get("identity"));
        assertEquals(List.of("Identity", "Socket-Type"), List.copyOf(properties.keySet()));
    }

    @Test
    void parsesEmptyReady() throws ZmtpProtocolException {
        assertTrue(Command.parse(Bytes.of(5, "READY")).readyProperties().isEmpty());
    }

    @Test
    void roundTripsEveryEncoder() throws ZmtpProtocolException {
        byte[] context = Bytes.of("0123456789abcdef");
        Command ping = parseFrame(Command.encodePing(65535, context));
        assertEquals("PING", ping.name());
        assertEquals(65535, ping.pingTtlDeciseconds());
        assertArrayEquals(context, ping.pingContext());
        assertArrayEquals(context, parseFrame(Command.encodePong(context)).pongContext());
        assertArrayEquals(Bytes.of("topic"), parseFrame(Command.encodeSubscribe(Bytes.of("topic"))).topic());
        assertArrayEquals(new byte[0], parseFrame(Command.encodeCancel(new byte[0])).topic());
        assertEquals("CANCEL", parseFrame(Command.encodeCancel(new byte[0])).name());
        assertEquals("Access denied", parseFrame(Command.encodeError("Access denied")).errorReason());
        assertEquals("", parseFrame(Command.encodeError("")).errorReason());
        Map<String, byte[]> sent = props("Socket-Type", "ROUTER", "Identity", "id-1", "X-App.Name_1+", "v");
        Map<String, byte[]> received = parseFrame(Command.encodeReady(sent)).readyProperties();
        assertEquals(sent.size(), received.size());
        for (Map.Entry<String, byte[]> entry : sent.entrySet()) {
            assertArrayEquals(entry.getValue(), received.get(entry.getKey()));
        }
    }

    @Test
    void parsesPingWithoutContext() throws ZmtpProtocolException {
        Command ping = Command.parse(Bytes.of(4, "PING", 0x00, 0x19));
        assertEquals(25, ping.pingTtlDeciseconds());
        assertArrayEquals(new byte[0], ping.pingContext());
    }

    @Test
    void dataIsACopy() throws ZmtpProtocolException {
        Command command = Command.parse(Bytes.of(4, "PONG", "abc"));
        command.data()[0] = 'X';
        assertArrayEquals(Bytes.of("abc"), command.data());
        assertArrayEquals(Bytes.of("abc"), command.pongContext());
    }

    @Test
    void parseRejectsMalformedBodies() {
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, parseFails(new byte[0]).error());
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, parseFails(Bytes.of(0)).error());
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, parseFails(Bytes.of(0, "READY")).error());
        ZmtpProtocolException truncated = parseFails(Bytes.of(5, "REA"));
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, truncated.error());
        assertTrue(truncated.getMessage().contains("name-len 5"), truncated.getMessage());
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, parseFails(Bytes.of(4, "PI-G")).error());
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED, parseFails(Bytes.of(4, "PIN", 0)).error());
    }

    @Test
    void parseReadsLibzmqsMalformedPlainErrorAsTheErrorItMeans() throws ZmtpProtocolException {
        // libzmq's PLAIN server sends "\x5eRROR" (reference section 2.4): name-len 0x5e does not fit,
        // but its status code tells a refusal, so it is read as ERROR "400"
        Command error = Command.parse(Bytes.hex("5e 52 52 4f 52 03 34 30 30"));
        assertEquals("ERROR", error.name());
        assertEquals("400", error.errorReason());
        // a name-len of 0x5e that fits is an ordinary (letters-only) name, and other short names still fail
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED,
                parseFails(Bytes.hex("5e 52 52 4f 53 03 34 30 30")).error());
    }

    @Test
    void parseAcceptsLongestName() throws ZmtpProtocolException {
        byte[] name = new byte[255];
        Arrays.fill(name, (byte) 'z');
        Command command = Command.parse(Bytes.of(255, name, "data"));
        assertEquals(255, command.name().length());
        assertArrayEquals(Bytes.of("data"), command.data());
    }

    @Test
    void readyRejectsTruncatedProperties() throws ZmtpProtocolException {
        ZmtpProtocolException valueLength = readyFails(Bytes.of(0x0b, "Socket-Type", 0, 0, 0));
        assertEquals(ProtocolError.MALFORMED_COMMAND_READY, valueLength.error());
        assertTrue(valueLength.getMessage().contains("value-len"), valueLength.getMessage());
        assertEquals(ProtocolError.MALFORMED_COMMAND_READY,
                readyFails(Bytes.of(0x0b, "Socket-Type", Bytes.u32(6), "DEALE")).error());
        assertEquals(ProtocolError.MALFORMED_COMMAND_READY,
                readyFails(Bytes.of(0x0b, "Socket-Type", Bytes.u32(-1), "DEALER")).error());
        assertEquals(ProtocolError.MALFORMED_COMMAND_READY, readyFails(Bytes.of(0x0b, "Socket")).error());
        assertEquals(ProtocolError.MALFORMED_COMMAND_READY, readyFails(Bytes.of(0, Bytes.u32(0))).error());
    }

    @Test
    void readyRejectsBadOrRepeatedNames() throws ZmtpProtocolException {
        ZmtpProtocolException badChar = readyFails(Bytes.of(0x0b, "Socket Type", Bytes.u32(3), "REP"));
        assertEquals(ProtocolError.INVALID_METADATA, badChar.error());
        assertEquals(ProtocolError.INVALID_METADATA, readyFails(Bytes.of(3, "a:b", Bytes.u32(0))).error());
        byte[] twice = Bytes.of(0x0b, "Socket-Type", Bytes.u32(3), "REP", 0x0b, "socket-type", Bytes.u32(3), "REQ");
        assertEquals(ProtocolError.INVALID_METADATA, readyFails(twice).error());
    }

    @Test
    void readyTakesAtMostMaxPropertiesProperties() throws ZmtpProtocolException {
        ByteArrayOutputStream atLimit = new ByteArrayOutputStream();
        for (int i = 0; i < PropertyCodec.MAX_PROPERTIES; i++) {
            atLimit.writeBytes(Bytes.of(4, String.format("p%03x", i), Bytes.u32(0)));
        }
        Command ready = Command.parse(Bytes.of(5, "READY", atLimit.toByteArray()));
        assertEquals(PropertyCodec.MAX_PROPERTIES, ready.readyProperties().size());
        atLimit.writeBytes(Bytes.of(4, "qqqq", Bytes.u32(0)));
        ZmtpProtocolException tooMany = readyFails(atLimit.toByteArray());
        assertEquals(ProtocolError.INVALID_METADATA, tooMany.error());
        assertTrue(tooMany.getMessage().contains("more than 1024 properties"), tooMany.getMessage());
    }

    @Test
    void pingRejectsAShortTtlAndCutsALongContextAsLibzmqDoes() throws ZmtpProtocolException {
        Command shortTtl = Command.parse(Bytes.of(4, "PING", 0));
        assertEquals(ProtocolError.MALFORMED_COMMAND_UNSPECIFIED,
                assertThrows(ZmtpProtocolException.class, shortTtl::pingTtlDeciseconds).error());
        byte[] context = new byte[40];
        for (int i = 0; i < context.length; i++) {
            context[i] = (byte) i;
        }
        Command longContext = Command.parse(Bytes.of(4, "PING", 0, 1, context));
        assertArrayEquals(java.util.Arrays.copyOf(context, 16), longContext.pingContext());
        assertEquals(1, longContext.pingTtlDeciseconds());
        assertArrayEquals(new byte[16], Command.parse(Bytes.of(4, "PING", 0, 1, new byte[16])).pingContext());
    }

    @Test
    void errorRejectsMalformedReason() throws ZmtpProtocolException {
        for (byte[] data : List.of(new byte[0], Bytes.of(3, "40"), Bytes.of(2, "400"))) {
            Command error = Command.parse(Bytes.of(5, "ERROR", data));
            assertEquals(ProtocolError.MALFORMED_COMMAND_ERROR,
                    assertThrows(ZmtpProtocolException.class, error::errorReason).error());
        }
    }

    @Test
    void readersRejectTheWrongCommand() throws ZmtpProtocolException {
        Command pong = Command.parse(Bytes.of(4, "PONG"));
        assertThrows(IllegalStateException.class, pong::readyProperties);
        assertThrows(IllegalStateException.class, pong::pingTtlDeciseconds);
        assertThrows(IllegalStateException.class, pong::topic);
        assertThrows(IllegalStateException.class, pong::errorReason);
        assertThrows(IllegalStateException.class, () -> Command.parse(Bytes.of(4, "PING", 0, 0)).pongContext());
        assertThrows(IllegalStateException.class, () -> Command.parse(Bytes.of(5, "ready")).readyProperties());
    }

    @Test
    void encodersRejectIllegalArguments() {
        assertThrows(IllegalArgumentException.class, () -> Command.encodePing(-1, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Command.encodePing(65536, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> Command.encodePing(1, new byte[17]));
        assertThrows(IllegalArgumentException.class, () -> Command.encodePong(new byte[17]));
        assertThrows(IllegalArgumentException.class, () -> Command.encodeReady(props("Bad Name", "")));
        assertThrows(IllegalArgumentException.class, () -> Command.encodeReady(props("", "")));
        assertThrows(IllegalArgumentException.class, () -> Command.encodeReady(props("x".repeat(256), "")));
        assertThrows(IllegalArgumentException.class, () -> Command.encodeError("e".repeat(256)));
        byte[] maxName = Command.encodeReady(props("x".repeat(255), ""));
        assertEquals(1 + 5 + 1 + 255 + 4, ByteBuffer.wrap(maxName, 1, 8).getLong());
    }

    @Test
    void errorReasonKeepsEveryByte() throws ZmtpProtocolException {
        String reason = new String(new byte[] {(byte) 0xE9, 'x'}, StandardCharsets.ISO_8859_1);
        assertEquals(reason, parseFrame(Command.encodeError(reason)).errorReason());
    }

    @Test
    void protocolErrorCodesMatchLibzmq() {
        assertEquals(0x10000000, ProtocolError.ZMTP_UNSPECIFIED.code());
        assertEquals(0x10000001, ProtocolError.UNEXPECTED_COMMAND.code());
        assertEquals(0x10000011, ProtocolError.MALFORMED_COMMAND_UNSPECIFIED.code());
        assertEquals(0x10000012, ProtocolError.MALFORMED_COMMAND_MESSAGE.code());
        assertEquals(0x10000015, ProtocolError.MALFORMED_COMMAND_ERROR.code());
        assertEquals(0x10000016, ProtocolError.MALFORMED_COMMAND_READY.code());
        assertEquals(0x10000018, ProtocolError.INVALID_METADATA.code());
        assertEquals(0x11000002, ProtocolError.MECHANISM_MISMATCH.code());
        for (ProtocolError own : List.of(ProtocolError.BAD_GREETING, ProtocolError.UNSUPPORTED_VERSION,
                ProtocolError.MESSAGE_TOO_LARGE, ProtocolError.INCOMPATIBLE_SOCKET_TYPE)) {
            assertEquals(0x10000000, own.code(), own.name());
        }
    }
}
