package dev.meshmq.transport;

import dev.meshmq.AddressInUseException;
import dev.meshmq.AddressNotAvailableException;
import dev.meshmq.MeshException;
import java.net.BindException;
import java.util.Locale;

/**
 * Tells apart the two reasons the JDK reports with one {@link BindException}: the address is taken
 * (EADDRINUSE) or it is not an address of this machine (EADDRNOTAVAIL). The JDK gives the errno only
 * as the system's message text, so the text decides: "Cannot assign requested address" (Linux, the
 * BSDs, macOS) means not available; anything else stays "in use", as before.
 *
 * <p>Thread-safety: stateless.
 */
final class BindFailures {

    private static final String NOT_AVAILABLE = "cannot assign requested address";

    private BindFailures() {
    }

    /**
     * Returns the exception to throw for a failed bind.
     *
     * @param text the endpoint as written
     * @param endpoint the parsed endpoint
     * @param failure what the JDK threw
     * @return an {@link AddressNotAvailableException} or an {@link AddressInUseException}
     */
    static MeshException classify(String text, Endpoint endpoint, BindException failure) {
        String message = String.valueOf(failure.getMessage());
        if (endpoint.transport() == Endpoint.Transport.TCP
                && message.toLowerCase(Locale.ROOT).contains(NOT_AVAILABLE)) {
            return new AddressNotAvailableException("cannot bind " + text + ": the address is not one of this"
                    + " machine's (" + message + ")", failure);
        }
        return new AddressInUseException("cannot bind " + text + ": " + message, failure);
    }
}
