package dev.meshmq.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshmq.InvalidEndpointException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TcpAddressTest {

    @ParameterizedTest
    @CsvSource({
        "::1, ::1",
        "::, ::",
        "fe80:0:0:0:0:0:0:1, fe80::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "1:2:3:4:5:6:7:0, 1:2:3:4:5:6:7:0",
        "0:0:1:0:0:0:0:0, 0:0:1::",
    })
    void writesIpv6InTheShortForm(String address, String expected) throws UnknownHostException {
        assertEquals(expected, TcpAddress.shortIpv6(InetAddress.getByName(address).getAddress()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "*:x", "::1:5555", "[::1:5555", "host:70000", "host:"})
    void rejectsMalformedAddressesNamingTheEndpoint(String address) {
        InvalidEndpointException error = assertThrows(InvalidEndpointException.class,
                () -> TcpAddress.parse("tcp://" + address, address));
        assertTrue(error.getMessage().contains("tcp://" + address), error.getMessage());
    }
}
