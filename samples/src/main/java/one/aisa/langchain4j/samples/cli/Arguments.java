package one.aisa.langchain4j.samples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Checks of arguments that several commands share; a failed check is a usage error (exit code 2). */
final class Arguments {

    private Arguments() {}

    /** A model id must not be blank: the library would reject it in its own terms ({@code modelName(...)}). */
    static String requireModel(CommandSpec spec, String option, String model) {
        if (model == null || model.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    option + " is empty: give a model id, e.g. gpt-4o-mini ('aisa models' lists them).");
        }
        return model.strip();
    }
}
