package one.aisa.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.common.AbstractChatModelIT;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * LangChain4j's shared conformance suite against the real gateway's native Gemini route. Runs in {@code mvn verify}
 * only when {@code AISA_API_KEY} is set; {@code AISA_BASE_URL} and {@code AISA_IT_GEMINI_MODEL} (default
 * gemini-2.5-flash) are optional.
 */
@EnabledIfEnvironmentVariable(named = "AISA_API_KEY", matches = ".+")
class AisaGeminiChatModelIT extends AbstractChatModelIT {

    static final String MODEL = System.getenv().getOrDefault("AISA_IT_GEMINI_MODEL", "gemini-2.5-flash");

    private static AisaGeminiChatModel.AisaGeminiChatModelBuilder builder() {
        return AisaGeminiChatModel.builder()
                .baseUrl(System.getenv("AISA_BASE_URL"))
                .modelName(MODEL)
                .temperature(0.0)
                .logRequests(true)
                .logResponses(true);
    }

    @Override
    protected List<ChatModel> models() {
        return List.of(builder().build());
    }

    @Override
    protected ChatModel createModelWith(ChatRequestParameters parameters) {
        AisaGeminiChatModel.AisaGeminiChatModelBuilder builder =
                builder().modelName(parameters.modelName()).defaultRequestParameters(parameters);
        if (parameters.modelName() == null) {
            builder.modelName(MODEL);
        }
        return builder.build();
    }

    @Override
    protected String customModelName() {
        return "gemini-2.5-flash-lite";
    }

    @Override
    protected ChatRequestParameters createIntegrationSpecificParameters(int maxOutputTokens) {
        return GoogleAiGeminiChatRequestParameters.builder()
                .maxOutputTokens(maxOutputTokens)
                .build();
    }

    @Override
    protected Class<? extends ChatResponseMetadata> chatResponseMetadataType(ChatModel model) {
        return AisaGeminiChatResponseMetadata.class;
    }

    @Override
    protected Class<? extends TokenUsage> tokenUsageType(ChatModel model) {
        return OpenAiTokenUsage.class;
    }
}
