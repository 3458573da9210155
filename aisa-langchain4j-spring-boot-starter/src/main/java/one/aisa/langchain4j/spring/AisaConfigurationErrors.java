package one.aisa.langchain4j.spring;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionException;

/**
 * The one place where a value the core builders or Spring's binder reject becomes an
 * {@link AisaConfigurationException} naming the {@code aisa.*} property: the core checks the values, this only says
 * which property a rejection is about.
 */
final class AisaConfigurationErrors {

    private static final String DEFAULT_FIX = "Correct the value, or remove the property to use its default.";
    private static final ConfigurationPropertyName AISA = ConfigurationPropertyName.of(AisaProperties.PREFIX);

    private AisaConfigurationErrors() {}

    /**
     * A property as a core builder knows it: {@code setter} is the builder setter's name, which the core's messages
     * start with (e.g. {@code maxRetries must be 0 or more, was -3}).
     */
    record Source(String setter, String property, String fix) {

        boolean isNamedBy(String message) {
            return message.equals(setter) || message.startsWith(setter + " ") || message.startsWith(setter + ":");
        }
    }

    static Source property(String setter, String property) {
        return new Source(setter, property, DEFAULT_FIX);
    }

    static Source property(String setter, String property, String fix) {
        return new Source(setter, property, fix);
    }

    /**
     * Runs a core builder call; a value it rejects fails as the property it comes from. With one source, every
     * rejection is that property's; with several, the one the core's message names. A rejection naming none of them
     * is a bug of ours, not of the configuration, and is rethrown as it is.
     */
    static <T> T build(Supplier<T> call, Source... sources) {
        try {
            return call.get();
        } catch (AisaConfigurationException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            Source source = sources.length == 1
                    ? sources[0]
                    : Arrays.stream(sources)
                            .filter(candidate -> candidate.isNamedBy(message))
                            .findFirst()
                            .orElseThrow(() -> e);
            String problem = e instanceof NullPointerException ? "is not set" : "is rejected: " + firstClause(message);
            throw new AisaConfigurationException(source.property(), problem, source.fix());
        }
    }

    /** The core's reason without its advice to Java callers, which follows a colon or a full stop. */
    private static String firstClause(String message) {
        int end = message.length();
        for (String separator : new String[] {": ", ". "}) {
            int at = message.indexOf(separator);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        return message.substring(0, end);
    }

    /**
     * Spring binds the enums (budget action, capabilities) itself; a value it cannot convert fails naming the
     * property and the values it takes, instead of the binder's conversion stack.
     */
    static ConfigurationPropertiesBindHandlerAdvisor bindHandlerAdvisor() {
        return parent -> new AbstractBindHandler(parent) {
            @Override
            public Object onFailure(
                    ConfigurationPropertyName name, Bindable<?> target, BindContext context, Exception error)
                    throws Exception {
                if (error instanceof ConversionException && AISA.isAncestorOf(name)) {
                    throw unconvertible(name, target.getType(), context.getConfigurationProperty());
                }
                return super.onFailure(name, target, context, error);
            }
        };
    }

    private static AisaConfigurationException unconvertible(
            ConfigurationPropertyName name, ResolvableType type, ConfigurationProperty property) {
        String value = property == null ? "" : String.valueOf(property.getValue());
        Class<?> element = type.isArray() || type.asCollection() != ResolvableType.NONE
                ? type.asCollection().resolveGeneric(0)
                : type.resolve();
        if (element != null && element.isEnum()) {
            String constants = Arrays.stream(element.getEnumConstants())
                    .map(constant ->
                            ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
            return new AisaConfigurationException(
                    name.toString(), "is '" + value + "', which is not one of " + constants, "Use " + constants + ".");
        }
        return new AisaConfigurationException(
                name.toString(),
                "is '" + value + "', which is not a " + (element == null ? "usable value" : element.getSimpleName()),
                DEFAULT_FIX);
    }
}
