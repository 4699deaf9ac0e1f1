package dev.meshmq.examples.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;

/**
 * Takes the next argument as the option's value whatever it looks like, for options whose values are
 * secrets or keys: a Z85 key may start with {@code -} (a Z85 character), and so may a password, and
 * picocli would otherwise read a value such as {@code -t...} or {@code --count} as the next option (a
 * cluster of short options) and fail. Works for {@code --option VALUE} and {@code --option=VALUE}
 * (picocli splits the latter and hands the value over the same way); a single-valued option given
 * twice is still an error, as for every other option, and a repeatable one collects its values.
 *
 * <p>Thread-safety: stateless; picocli calls it on the parsing thread.
 */
final class VerbatimValue implements IParameterConsumer {

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        String name = ((OptionSpec) argSpec).longestName();
        if (args.isEmpty()) {
            throw new MissingParameterException(commandSpec.commandLine(), argSpec,
                    "Missing required parameter for option '" + name + "' (" + argSpec.paramLabel() + ")");
        }
        String value = args.pop();
        if (argSpec.isMultiValue()) {
            List<String> values = argSpec.getValue();
            if (values == null) {
                values = new ArrayList<>();
                argSpec.setValue(values);
            }
            values.add(value);
        } else if (argSpec.getValue() != null) {
            throw new OverwrittenOptionException(commandSpec.commandLine(), argSpec,
                    "option '" + name + "' (" + argSpec.paramLabel() + ") should be specified only once");
        } else {
            argSpec.setValue(value);
        }
    }
}
