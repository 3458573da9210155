package one.aisa.langchain4j.spring;

import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Fails the start-up when {@code aisa.*} properties are set but the key is not: the application clearly means to use
 * AIsa, and without the key it would only fail later, at an injection point of {@code ChatModel}, without saying why.
 * With no {@code aisa.*} property at all the starter stays dormant, so an application (or a test profile) without
 * AIsa still starts; so does one that defines its own {@code ChatModel} bean, e.g. a test replacing the model.
 */
@AutoConfiguration
@Conditional(AisaApiKeyCheckAutoConfiguration.ConfiguredWithoutKey.class)
public class AisaApiKeyCheckAutoConfiguration {

    private static final ConfigurationPropertyName AISA = ConfigurationPropertyName.of(AisaProperties.PREFIX);
    private static final ConfigurationPropertyName API_KEY =
            ConfigurationPropertyName.of(AisaProperties.PREFIX + ".api-key");

    @Bean
    @ConditionalOnMissingBean(ChatModel.class) // an application (or a test) bringing its own model needs no key
    public Object aisaApiKeyCheck(Environment environment) {
        List<String> set = aisaProperties(environment);
        throw new AisaConfigurationException(
                AisaProperties.PREFIX + ".api-key",
                "is not set, but " + String.join(", ", set) + (set.size() == 1 ? " is" : " are"),
                "Set the environment variable AISA_API_KEY (or aisa.api-key) to your AIsa key, or remove the aisa.*"
                        + " properties to run without the AIsa models.");
    }

    /** The {@code aisa.*} properties set anywhere in the environment, by name, sorted. */
    static List<String> aisaProperties(Environment environment) {
        TreeSet<String> names = new TreeSet<>();
        for (var source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                StreamSupport.stream(iterable.spliterator(), false)
                        .filter(AISA::isAncestorOf)
                        .map(ConfigurationPropertyName::toString)
                        .forEach(names::add);
            }
        }
        return List.copyOf(names);
    }

    /** Some {@code aisa.*} property is set, and {@code aisa.api-key} is not. */
    static final class ConfiguredWithoutKey implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            return !environment.containsProperty(API_KEY.toString())
                    && !aisaProperties(environment).isEmpty();
        }
    }
}
