package one.aisa.langchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import org.junit.jupiter.api.Test;

@AisaSimulatorTest
class AisaSimulatorSmokeTest {

    @Test
    void answers_our_model_and_a_plain_openai_client(AisaSimulator simulator) {
        simulator.whenPrompt("capital of germany").reply("Berlin");

        ChatResponse ours = simulator
                .chatModel("gpt-4o-mini")
                .chat(dev.langchain4j.data.message.UserMessage.from("Capital of Germany?"));
        String theirs = OpenAiChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("any")
                .modelName("gpt-4o-mini")
                .build()
                .chat("What is the capital of Germany?");

        assertThat(ours.aiMessage().text()).isEqualTo("Berlin");
        assertThat(theirs).isEqualTo("Berlin");
        assertThat(((AisaChatResponseMetadata) ours.metadata()).cost()).isPositive();
        assertThat(simulator.chatRequests()).hasSize(2);
    }

    @Test
    void starts_quickly() {
        long start = System.nanoTime();
        try (AisaSimulator simulator = AisaSimulator.start()) {
            assertThat(simulator.port()).isPositive();
        }
        System.out.println("simulator start+stop: "
                + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
    }
}
