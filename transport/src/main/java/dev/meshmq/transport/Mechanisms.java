package dev.meshmq.transport;

/**
 * Picks a connection's mechanism from its socket's security settings (see {@link SecuritySettings}):
 * NULL, PLAIN client or server, CURVE client or server.
 *
 * <p>Thread-safety: stateless.
 */
final class Mechanisms {

    private Mechanisms() {
    }

    static Mechanism create(MechanismContext context) {
        SecuritySettings security = context.security();
        return switch (security.kind()) {
            case NULL -> new NullMechanism(context);
            case PLAIN -> security.server() ? new PlainServerMechanism(context) : new PlainClientMechanism(context);
            case CURVE -> security.server() ? new CurveServerMechanism(context, context.cookies())
                    : new CurveClientMechanism(context);
        };
    }
}
