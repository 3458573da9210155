package one.aisa.langchain4j.samples.spring;

import java.util.Map;
import java.util.regex.Pattern;
import one.aisa.langchain4j.testkit.AisaSimulator;
import one.aisa.langchain4j.testkit.SimulatedFault;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Offline mode: when no AIsa key is configured ({@code aisa.api-key}, which the environment variable
 * {@code AISA_API_KEY} binds to), starts the AIsa simulator before the context and points {@code aisa.base-url} and
 * {@code aisa.api-key} at it, so the starter's beans are created exactly as with the real gateway. The simulator is
 * a bean of the context, stopped when the context closes.
 *
 * <p>The simulator plays two parts a real gateway would: the primary model ({@code aisa.chat.model}) is down (503,
 * no available channel) so every call shows the fallback, and a question naming one of the shop's orders makes the
 * model call the {@code orderStatus} tool. {@code sample.offline=true} forces offline mode even when a key is set.
 */
public class OfflineSimulatorEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** {@code true} uses the simulator even when a key is set. */
    static final String FORCE_OFFLINE = "sample.offline";

    static final String PROPERTY_SOURCE = "aisaSimulator";

    static final String BEAN_NAME = "aisaSimulator";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean forced = environment.getProperty(FORCE_OFFLINE, Boolean.class, false);
        if (!forced && StringUtils.hasText(environment.getProperty("aisa.api-key"))) {
            return;
        }
        String primary = environment.getProperty("aisa.chat.model", "gpt-4o-mini");
        AisaSimulator simulator = AisaSimulator.start();
        simulator.failAlways(primary, SimulatedFault.noAvailableChannel());
        OrderTools.ORDERS
                .keySet()
                .forEach(orderId -> simulator
                        .whenPromptMatches("(?i)\\b" + Pattern.quote(orderId) + "\\b")
                        .callTool("orderStatus", "{\"orderId\":\"" + orderId + "\"}"));

        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        PROPERTY_SOURCE,
                        Map.of("aisa.api-key", AisaSimulator.API_KEY, "aisa.base-url", simulator.baseUrl())));
        application.addInitializers(context -> register(simulator, context));
        System.out.println("Offline: " + (forced ? FORCE_OFFLINE + " is true" : "AISA_API_KEY is not set")
                + ", so the built-in AIsa simulator answers (simulated, free), with " + primary
                + " scripted to be down.");
    }

    /** As a bean, the simulator is closed with the context, and tests can read what it received. */
    private static void register(AisaSimulator simulator, ConfigurableApplicationContext context) {
        RootBeanDefinition definition = new RootBeanDefinition(AisaSimulator.class, () -> simulator);
        definition.setDestroyMethodName("close");
        ((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition(BEAN_NAME, definition);
    }

    /** After the config data processor, so {@code application.yml} and profiles are visible. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
