package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaGeminiChatModel;
import one.aisa.langchain4j.AisaGeminiChatResponseMetadata;
import one.aisa.langchain4j.AisaGeminiStreamingChatModel;
import one.aisa.langchain4j.routing.RouteHealth;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.testkit.AisaSimulator;
import one.aisa.langchain4j.testkit.RecordedRequest;
import one.aisa.langchain4j.testkit.SimulatedFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Gemini's native route from properties: {@code aisa.chat.format=gemini}, and {@code gemini:} ids in chains. */
class AisaGeminiFormatTests {

    private AisaSimulator simulator;

    @BeforeEach
    void start() {
        simulator = AisaSimulator.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AisaAutoConfiguration.class))
                .withPropertyValues("aisa.api-key=" + AisaSimulator.API_KEY, "aisa.base-url=" + simulator.baseUrl());
    }

    @Test
    void formatGeminiBuildsNativeModelsThatAnswerOnTheNativeRoute() {
        simulator.whenPrompt("capital of Germany").reply("Berlin.");
        runner().withPropertyValues("aisa.chat.format=gemini", "aisa.chat.model=gemini-2.5-flash")
                .run(context -> {
                    assertThat(context.getBean(ChatModel.class)).isInstanceOf(AisaGeminiChatModel.class);
                    assertThat(context.getBean(StreamingChatModel.class))
                            .isInstanceOf(AisaGeminiStreamingChatModel.class);
                    AisaGeminiChatModel model = context.getBean(AisaGeminiChatModel.class);
                    assertThat(model.modelName()).isEqualTo("gemini-2.5-flash");
                    // aisa.base-url is kept as given: the gateway serves the native route under /v1 too
                    assertThat(model.baseUrl()).isEqualTo(simulator.baseUrl());

                    ChatResponse response = model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                            .messages(dev.langchain4j.data.message.UserMessage.from("Capital of Germany?"))
                            .build());

                    assertThat(response.aiMessage().text()).isEqualTo("Berlin.");
                    assertThat(response.metadata()).isInstanceOf(AisaGeminiChatResponseMetadata.class);
                    assertThat(simulator.requests())
                            .extracting(RecordedRequest::path)
                            .containsExactly("/v1/models/gemini-2.5-flash:generateContent");
                });
    }

    @Test
    void aGeminiPrefixedFallbackTakesTheNativeRouteAfterTheOpenAiRouteFails() {
        simulator.failAlways("gpt-4o-mini", SimulatedFault.status(503));
        simulator.whenPrompt("capital of Germany").reply("Berlin.");
        runner().withPropertyValues("aisa.chat.model=gpt-4o-mini", "aisa.routing.fallbacks=gemini:gemini-2.5-flash")
                .run(context -> {
                    RoutingChatModel router = context.getBean(RoutingChatModel.class);
                    assertThat(router.health())
                            .extracting(RouteHealth::model)
                            .containsExactly("gpt-4o-mini", "gemini-2.5-flash");

                    ChatResponse response = router.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                            .messages(dev.langchain4j.data.message.UserMessage.from("Capital of Germany?"))
                            .build());

                    assertThat(response.aiMessage().text()).isEqualTo("Berlin.");
                    assertThat(((AisaChatResponseMetadata) response.metadata())
                                    .route()
                                    .answeredBy())
                            .isEqualTo("gemini-2.5-flash");
                    assertThat(simulator.requests())
                            .extracting(RecordedRequest::path)
                            .containsExactly("/v1/chat/completions", "/v1/models/gemini-2.5-flash:generateContent");
                });
    }

    @Test
    void anOpenAiPrefixWinsOverFormatGemini() {
        runner().withPropertyValues(
                        "aisa.chat.format=gemini",
                        "aisa.chat.model=gemini-2.5-flash",
                        "aisa.routing.fallbacks=openai:gpt-4o-mini")
                .run(context -> assertThat(
                                context.getBean(RoutingChatModel.class).health())
                        .extracting(RouteHealth::model)
                        .containsExactly("gemini-2.5-flash", "gpt-4o-mini"));
    }
}
