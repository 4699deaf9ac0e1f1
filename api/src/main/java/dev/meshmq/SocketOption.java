package dev.meshmq;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A typed socket option with its default and its rule for legal values. Values are checked when set:
 * an illegal value is rejected with {@link IllegalArgumentException} and leaves the socket unchanged.
 * The options MeshMQ knows are the constants of {@link SocketOptions}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param <T> the value type
 */
public final class SocketOption<T> {

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final Function<T, String> validator;
    private final Set<SocketType> socketTypes;
    private final UnaryOperator<T> normalizer;

    /**
     * Creates an option that applies to every socket type.
     *
     * @param name the option's name, used in error messages
     * @param type the value type
     * @param defaultValue the value a new socket has
     * @param validator returns null for a legal value, else why the value is illegal
     */
    SocketOption(String name, Class<T> type, T defaultValue, Function<T, String> validator) {
        this(name, type, defaultValue, validator, EnumSet.allOf(SocketType.class));
    }

    /**
     * Creates an option that applies to some socket types only.
     *
     * @param name the option's name, used in error messages
     * @param type the value type
     * @param defaultValue the value a new socket has
     * @param validator returns null for a legal value, else why the value is illegal
     * @param socketTypes the types that accept it
     */
    SocketOption(String name, Class<T> type, T defaultValue, Function<T, String> validator,
            Set<SocketType> socketTypes) {
        this(name, type, defaultValue, validator, socketTypes, UnaryOperator.identity());
    }

    /**
     * Creates an option whose legal values are stored in a normal form (a key given as Z85 text is
     * stored as its 32 bytes, for example).
     *
     * @param name the option's name, used in error messages
     * @param type the value type
     * @param defaultValue the value a new socket has
     * @param validator returns null for a legal value, else why the value is illegal
     * @param socketTypes the types that accept it
     * @param normalizer turns a legal value into the value stored
     */
    SocketOption(String name, Class<T> type, T defaultValue, Function<T, String> validator,
            Set<SocketType> socketTypes, UnaryOperator<T> normalizer) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.defaultValue = defaultValue;
        this.validator = Objects.requireNonNull(validator, "validator");
        this.socketTypes = Set.copyOf(socketTypes);
    }

    /**
     * Returns whether sockets of {@code socketType} accept this option.
     *
     * @param socketType a socket type
     * @return true if the option applies
     */
    public boolean appliesTo(SocketType socketType) {
        return socketTypes.contains(socketType);
    }

    /**
     * Returns the option's name.
     *
     * @return the name, as in {@link SocketOptions}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the value type.
     *
     * @return the class of legal values
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Returns the value a new socket has.
     *
     * @return the default
     */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * Checks {@code value} and returns it in the form it is stored in, or throws if it is illegal.
     *
     * @param value the candidate value
     * @return the value to store: the same value for most options
     * @throws IllegalArgumentException naming the option and the value if it is illegal
     */
    public T validate(T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(name + " takes a " + type.getSimpleName() + ", not "
                    + value.getClass().getSimpleName());
        }
        String problem = validator.apply(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid " + name + " " + describe(value) + ": " + problem);
        }
        return normalizer.apply(value);
    }

    private static String describe(Object value) {
        if (value instanceof byte[]) {
            return "(" + ((byte[]) value).length + " bytes)";
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
