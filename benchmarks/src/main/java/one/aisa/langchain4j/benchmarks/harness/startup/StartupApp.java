package one.aisa.langchain4j.benchmarks.harness.startup;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import one.aisa.langchain4j.routing.RoutingChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A non-web Spring Boot application that starts, prints one {@code startup-sample} line and exits. What it
 * auto-configures is chosen by the command-line properties {@code StartupHarness} passes; the line says what the
 * context ended up holding, so that the harness can refuse a sample of the wrong variant.
 */
@SpringBootApplication
public class StartupApp {

    /** The line's first word; the rest is {@code key=value} pairs. */
    public static final String SAMPLE_PREFIX = "startup-sample";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(StartupApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        StartedListener started = new StartedListener();
        application.addListeners(started);
        ConfigurableApplicationContext context = application.run(args);
        long readyEpochMillis = System.currentTimeMillis();
        long cpuMillis = ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toMillis)
                .orElse(-1L);
        // read after the clocks: the management classes this loads are not the application's start-up
        long jvmStartEpochMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(String.join(
                " ",
                SAMPLE_PREFIX,
                "started-ms=" + started.timeTaken.toMillis(),
                "jvm-to-ready-ms=" + (readyEpochMillis - jvmStartEpochMillis),
                "cpu-ms=" + cpuMillis,
                "chat-model=" + simpleName(context.getBeanProvider(ChatModel.class)),
                "streaming-model=" + simpleName(context.getBeanProvider(StreamingChatModel.class)),
                "routes=" + routes(context.getBeanProvider(ChatModel.class)),
                "metrics=" + context.containsBean("aisaMetricsListener"),
                "ai-service=" + (context.getBean(AssistantClient.class).assistant() != null)));
        System.exit(SpringApplication.exit(context));
    }

    /** As an application with Actuator has one: its cost belongs to every variant, the baseline included. */
    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /** Resolved while the context starts, as any injection point would, so that the AI service is built then. */
    @Bean
    AssistantClient assistantClient(ObjectProvider<Assistant> assistant) {
        return new AssistantClient(assistant.getIfAvailable());
    }

    /** The application's one use of the AI service; {@code null} unless LangChain4j's starter wired one. */
    record AssistantClient(Assistant assistant) {}

    private static String simpleName(ObjectProvider<?> bean) {
        Object instance = bean.getIfUnique();
        return instance == null ? "none" : instance.getClass().getSimpleName();
    }

    /** The models a router tries; 1 for a plain model, 0 for none. */
    private static int routes(ObjectProvider<ChatModel> chatModel) {
        ChatModel model = chatModel.getIfUnique();
        if (model instanceof RoutingChatModel router) {
            return router.health().size();
        }
        return model == null ? 0 : 1;
    }

    /** Keeps the figure Spring Boot logs as "Started ... in N seconds": from {@code run} to the context refreshed. */
    private static final class StartedListener implements ApplicationListener<ApplicationStartedEvent> {

        private Duration timeTaken = Duration.ZERO;

        @Override
        public void onApplicationEvent(ApplicationStartedEvent event) {
            timeTaken = event.getTimeTaken();
        }
    }
}
