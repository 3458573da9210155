package one.aisa.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.math.BigDecimal;
import one.aisa.langchain4j.AisaGeminiChatResponseMetadata.SafetyRating;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The native Gemini route, blocking: what is sent, and what an answer becomes. */
class AisaGeminiChatModelTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GeminiStub gemini = new GeminiStub(server);

    @Test
    void sends_system_instruction_and_turns_with_the_key_as_a_bearer_token() {
        gemini.respondJson(GeminiStub.text("Paris."));

        ChatResponse response = gemini.model()
                .temperature(0.2)
                .topK(40)
                .maxTokens(256)
                .build()
                .chat(ChatRequest.builder()
                        .messages(
                                SystemMessage.from("You are terse."),
                                UserMessage.from("Capital of Germany?"),
                                AiMessage.from("Berlin."),
                                UserMessage.from("And of France?"))
                        .build());

        assertThat(response.aiMessage().text()).isEqualTo("Paris.");
        LoggedRequest raw = gemini.rawRequests().get(0);
        assertThat(raw.getUrl()).isEqualTo(GeminiStub.PATH);
        assertThat(raw.getHeader("Authorization")).isEqualTo("Bearer " + GatewayStub.API_KEY);
        assertThat(raw.containsHeader("x-goog-api-key")).isFalse();
        assertThat(raw.getHeader("User-Agent")).startsWith("aisa-langchain4j/");
        JsonNode body = gemini.lastRequest();
        assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("You are terse.");
        assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/contents/1/role").asText()).isEqualTo("model");
        assertThat(body.at("/contents/1/parts/0/text").asText()).isEqualTo("Berlin.");
        assertThat(body.at("/contents/2/parts/0/text").asText()).isEqualTo("And of France?");
        assertThat(body.at("/generationConfig/temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.at("/generationConfig/topK").asInt()).isEqualTo(40);
        assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(256);
    }

    @Test
    void the_metadata_carries_usage_with_thoughts_and_cache_the_cost_and_the_safety_ratings() {
        gemini.respondJson(GeminiStub.text("Paris."));

        ChatResponse response = gemini.model().build().chat(UserMessage.from("Capital of France?"));

        AisaGeminiChatResponseMetadata metadata = (AisaGeminiChatResponseMetadata) response.metadata();
        assertThat(metadata.id()).isEqualTo("mFq3aKa2ApyEz7IPmJ2u6Qo");
        assertThat(metadata.modelName()).isEqualTo("gemini-2.5-flash");
        assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(metadata.rawFinishReason()).isEqualTo("STOP");
        assertThat(metadata.tokenUsage().inputTokenCount()).isEqualTo(31);
        assertThat(metadata.tokenUsage().inputTokensDetails().cachedTokens()).isEqualTo(4);
        assertThat(metadata.tokenUsage().outputTokenCount()).isEqualTo(9 + 18);
        assertThat(metadata.tokenUsage().outputTokensDetails().reasoningTokens())
                .isEqualTo(18);
        assertThat(metadata.tokenUsage().totalTokenCount()).isEqualTo(58);
        assertThat(metadata.cost()).isEqualByComparingTo(new BigDecimal("0.000042"));
        assertThat(metadata.requestId()).isEqualTo("req_gemini_1");
        assertThat(metadata.safetyRatings())
                .containsExactly(
                        new SafetyRating("HARM_CATEGORY_HATE_SPEECH", "NEGLIGIBLE", false),
                        new SafetyRating("HARM_CATEGORY_DANGEROUS_CONTENT", "LOW", false));
    }

    @Test
    void a_v1_base_url_works_too() {
        gemini.respondJson(GeminiStub.text("Paris."));

        String v1 = gemini.baseUrl().replace("/v1beta", "/v1");
        ChatResponse response = gemini.model().baseUrl(v1).build().chat(UserMessage.from("Capital of France?"));

        assertThat(response.aiMessage().text()).isEqualTo("Paris.");
        assertThat(gemini.rawRequests().get(0).getUrl()).isEqualTo("/v1/models/gemini-2.5-flash:generateContent");
    }
}
