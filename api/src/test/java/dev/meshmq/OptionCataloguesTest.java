package dev.meshmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SocketOptions lists every option: those documented in ConnectionOptions and SecurityOptions are the same objects. */
class OptionCataloguesTest {

    private static Map<String, Object> options(Class<?> catalogue) throws IllegalAccessException {
        Map<String, Object> found = new LinkedHashMap<>();
        for (Field field : catalogue.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == SocketOption.class) {
                found.put(field.getName(), field.get(null));
            }
        }
        return found;
    }

    @Test
    void everyGroupedOptionIsInSocketOptionsUnderItsNameAsTheSameObject() throws IllegalAccessException {
        Map<String, Object> all = options(SocketOptions.class);
        for (Class<?> group : new Class<?>[] {ConnectionOptions.class, SecurityOptions.class}) {
            Map<String, Object> grouped = options(group);
            assertTrue(grouped.size() >= 11, group + " has " + grouped.size());
            for (Map.Entry<String, Object> option : grouped.entrySet()) {
                assertSame(option.getValue(), all.get(option.getKey()), option.getKey());
                assertEquals(option.getKey(), ((SocketOption<?>) option.getValue()).name());
            }
        }
    }
}
