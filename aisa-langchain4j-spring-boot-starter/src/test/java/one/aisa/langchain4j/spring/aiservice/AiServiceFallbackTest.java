package one.aisa.langchain4j.spring.aiservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.spring.Streams;
import one.aisa.langchain4j.testkit.AisaSimulator;
import one.aisa.langchain4j.testkit.RecordedRequest;
import one.aisa.langchain4j.testkit.SimulatedFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole stack: Spring Boot auto-configuration of both starters, an {@code @AiService} wired automatically, and
 * the AIsa simulator failing the primary model so the answer comes from the fallback.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD) // each test opens gpt-4o's breaker
class AiServiceFallbackTest {

    static final AisaSimulator SIMULATOR = AisaSimulator.start();

    @DynamicPropertySource
    static void aisa(DynamicPropertyRegistry registry) {
        registry.add("aisa.api-key", () -> AisaSimulator.API_KEY);
        registry.add("aisa.base-url", SIMULATOR::baseUrl);
        registry.add("aisa.chat.model", () -> "gpt-4o");
        registry.add("aisa.routing.fallbacks", () -> "gpt-4o-mini");
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Autowired
    Assistant assistant;

    @Autowired
    StreamingChatModel streamingChatModel;

    @Autowired
    ApplicationContext context;

    @Test
    void theAiServiceAnswersFromTheFallbackWhenThePrimaryHasNoChannel() {
        SIMULATOR.reset();
        SIMULATOR.failAlways("gpt-4o", SimulatedFault.noAvailableChannel());

        String answer = assistant.chat("What is the capital of Germany?");

        assertThat(context.getBeansOfType(ChatModel.class)).containsOnlyKeys("aisaChatModel");
        assertThat(context.getBean("aisaChatModel")).isInstanceOf(RoutingChatModel.class);
        assertThat(SIMULATOR.chatRequests())
                .extracting(RecordedRequest::model)
                .containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(answer).startsWith("[simulated gpt-4o-mini] You said: \"What is the capital of Germany?\"");
        assertThat(context.getBean(CostTracker.class).snapshot().toString()).contains("gpt-4o-mini");
    }

    @Test
    void theStreamingBeanFallsBackToo() throws Exception {
        SIMULATOR.reset();
        SIMULATOR.failAlways("gpt-4o", SimulatedFault.noAvailableChannel());
        assertThat(Streams.stream(streamingChatModel, "Say hello").aiMessage().text())
                .startsWith("[simulated gpt-4o-mini]");
        assertThat(SIMULATOR.chatRequests())
                .extracting(RecordedRequest::model)
                .containsExactly("gpt-4o", "gpt-4o-mini");
    }

    @Test
    void theAiServiceRunsItsToolOnceThroughTheFallbackAndTheMetricsShowTheFallbacks() {
        SIMULATOR.reset();
        SIMULATOR.failAlways("gpt-4o", SimulatedFault.noAvailableChannel());
        SIMULATOR.whenPrompt("weather in Oslo").callTool("weather", "{\"city\":\"Oslo\"}");
        WeatherTools tools = context.getBean(WeatherTools.class);
        tools.cities.clear();
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        double fallbacksBefore = fallbacks(registry);

        String answer = assistant.chat("What is the weather in Oslo?");

        assertThat(tools.cities).containsExactly("Oslo");
        assertThat(answer).contains("Sunny, 21 C in Oslo");
        List<RecordedRequest> requests = SIMULATOR.chatRequests();
        assertThat(requests.get(requests.size() - 1).body().toString())
                .contains("\"role\":\"tool\"")
                .contains("Sunny, 21 C in Oslo");
        assertThat(requests).extracting(RecordedRequest::model).last().isEqualTo("gpt-4o-mini");
        assertThat(fallbacks(registry) - fallbacksBefore)
                .as("every call of the tool loop answered by the fallback")
                .isEqualTo(2);
        assertThat(registry.get("gen_ai.client.operation.duration")
                        .tag("gen_ai.response.model", "gpt-4o-mini")
                        .timer()
                        .count())
                .isPositive();
    }

    private static double fallbacks(MeterRegistry registry) {
        return registry.find("aisa.routing.fallbacks").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    @SpringBootApplication
    static class Application {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
