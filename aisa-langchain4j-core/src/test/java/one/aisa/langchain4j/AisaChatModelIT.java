package one.aisa.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.common.AbstractChatModelIT;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * LangChain4j's shared conformance suite against the real gateway. Runs in {@code mvn verify} only when
 * {@code AISA_API_KEY} is set; {@code AISA_BASE_URL} and {@code AISA_IT_MODEL} (default gpt-4o-mini) are optional.
 */
@EnabledIfEnvironmentVariable(named = "AISA_API_KEY", matches = ".+")
class AisaChatModelIT extends AbstractChatModelIT {

    private static final String MODEL = System.getenv().getOrDefault("AISA_IT_MODEL", "gpt-4o-mini");

    private static AisaChatModel.AisaChatModelBuilder builder() {
        return AisaChatModel.builder()
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
        AisaChatModel.AisaChatModelBuilder builder =
                builder().modelName(parameters.modelName()).defaultRequestParameters(parameters);
        if (parameters.modelName() == null) {
            builder.modelName(MODEL);
        }
        return builder.build();
    }

    @Override
    protected String customModelName() {
        return "gpt-4.1-nano";
    }

    @Override
    protected ChatRequestParameters createIntegrationSpecificParameters(int maxOutputTokens) {
        return OpenAiChatRequestParameters.builder()
                .maxOutputTokens(maxOutputTokens)
                .build();
    }

    @Override
    protected Class<? extends ChatResponseMetadata> chatResponseMetadataType(ChatModel model) {
        return AisaChatResponseMetadata.class;
    }

    @Override
    protected Class<? extends TokenUsage> tokenUsageType(ChatModel model) {
        return OpenAiTokenUsage.class;
    }
}
