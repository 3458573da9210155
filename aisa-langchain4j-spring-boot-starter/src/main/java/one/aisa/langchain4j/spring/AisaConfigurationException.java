package one.aisa.langchain4j.spring;

import java.util.Objects;

/**
 * An {@code aisa.*} property holds a value the starter cannot use. The message names the property, the value and
 * the fix; {@link AisaConfigurationFailureAnalyzer} turns it into Spring Boot's startup failure report.
 */
public class AisaConfigurationException extends IllegalArgumentException {

    private final String property;
    private final String problem;
    private final String fix;

    public AisaConfigurationException(String property, String problem, String fix) {
        super("Invalid AIsa configuration: '" + property + "' " + problem + ". " + fix);
        this.property = Objects.requireNonNull(property, "property");
        this.problem = Objects.requireNonNull(problem, "problem");
        this.fix = Objects.requireNonNull(fix, "fix");
    }

    /** The full property name, e.g. {@code aisa.chat.model}. */
    public String property() {
        return property;
    }

    /** What is wrong with the value, e.g. {@code "is blank"}. */
    public String problem() {
        return problem;
    }

    /** What to do about it, as a sentence. */
    public String fix() {
        return fix;
    }
}
