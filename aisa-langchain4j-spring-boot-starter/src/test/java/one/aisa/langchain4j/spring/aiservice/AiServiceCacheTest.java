package one.aisa.langchain4j.spring.aiservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.testkit.AisaSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code aisa.cache.enabled}: the {@code @AiService} still wires itself to the one ChatModel bean, now cached. */
@SpringBootTest(classes = AiServiceFallbackTest.Application.class)
class AiServiceCacheTest {

    static final AisaSimulator SIMULATOR = AisaSimulator.start();

    @DynamicPropertySource
    static void aisa(DynamicPropertyRegistry registry) {
        registry.add("aisa.api-key", () -> AisaSimulator.API_KEY);
        registry.add("aisa.base-url", SIMULATOR::baseUrl);
        registry.add("aisa.cache.enabled", () -> "true");
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Autowired
    Assistant assistant;

    @Autowired
    ApplicationContext context;

    @Test
    void theAiServiceAsksOnceForARepeatedQuestion() {
        String first = assistant.chat("What is the capital of Germany?");
        String second = assistant.chat("What is the capital of Germany?");

        assertThat(context.getBeansOfType(ChatModel.class)).containsOnlyKeys("aisaChatModel");
        assertThat(context.getBean("aisaChatModel")).isInstanceOf(CachingChatModel.class);
        assertThat(second).isEqualTo(first);
        assertThat(SIMULATOR.chatRequests()).hasSize(1);
        assertThat(context.getBean(CostTracker.class).snapshot().totalCacheHits())
                .isEqualTo(1);
    }
}
