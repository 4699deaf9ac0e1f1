package dev.meshmq.patterns.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.meshmq.CurveKeyPair;
import dev.meshmq.SecurityOptions;
import dev.meshmq.SocketOption;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.transport.SecuritySettings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The security settings are built again exactly when a security option is set. */
class SocketOptionValuesTest {

    @Test
    void everySecurityOptionRebuildsTheSecuritySettings() throws IllegalAccessException {
        Set<SocketOption<?>> declared = new HashSet<>();
        for (Field field : SecurityOptions.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && SocketOption.class.isAssignableFrom(field.getType())) {
                declared.add((SocketOption<?>) field.get(null));
            }
        }
        assertEquals(declared, SocketOptionValues.securityOptions());
    }

    @Test
    void otherOptionsKeepTheSettingsAndTheirDerivedKey() {
        CurveKeyPair pair = CurveKeyPair.generate();
        SocketOptionValues values = new SocketOptionValues(SocketType.DEALER);
        values.set(SocketOptions.CURVE_SERVER, true);
        values.set(SocketOptions.CURVE_SECRET_KEY, pair.secretKey());
        SecuritySettings curve = values.transportOptions().security();
        assertArrayEquals(pair.publicKey(), curve.curvePublicKey());

        values.set(SocketOptions.SEND_HWM, 10);
        values.set(SocketOptions.LINGER, Duration.ZERO);
        assertSame(curve, values.transportOptions().security(), "a non-security option derived the key again");
        assertEquals(10, values.transportOptions().sendHwm());

        CurveKeyPair other = CurveKeyPair.generate();
        values.set(SocketOptions.CURVE_SECRET_KEY, other.secretKey());
        SecuritySettings changed = values.transportOptions().security();
        assertNotSame(curve, changed);
        assertArrayEquals(other.publicKey(), changed.curvePublicKey());
        values.set(SocketOptions.ZAP_DOMAIN, "global");
        assertEquals("global", values.transportOptions().security().zapDomain());
    }
}
