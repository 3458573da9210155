package one.aisa.langchain4j;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeast;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.common.AbstractStreamingChatModelIT;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.mockito.InOrder;

/**
 * LangChain4j's shared streaming conformance suite against the real gateway's native Gemini route. Runs only when
 * {@code AISA_API_KEY} is set; {@code AISA_BASE_URL} and {@code AISA_IT_GEMINI_MODEL} are optional.
 *
 * <p>Gemini sends each function call whole in one event, so a tool call is one complete tool call and no partial
 * ones.
 */
@EnabledIfEnvironmentVariable(named = "AISA_API_KEY", matches = ".+")
class AisaGeminiStreamingChatModelIT extends AbstractStreamingChatModelIT {

    private static AisaGeminiStreamingChatModel.AisaGeminiStreamingChatModelBuilder builder() {
        return AisaGeminiStreamingChatModel.builder()
                .baseUrl(System.getenv("AISA_BASE_URL"))
                .modelName(AisaGeminiChatModelIT.MODEL)
                .temperature(0.0)
                .logRequests(true)
                .logResponses(true);
    }

    @Override
    protected List<StreamingChatModel> models() {
        return List.of(builder().build());
    }

    @Override
    protected StreamingChatModel createModelWith(ChatRequestParameters parameters) {
        AisaGeminiStreamingChatModel.AisaGeminiStreamingChatModelBuilder builder =
                builder().modelName(parameters.modelName()).defaultRequestParameters(parameters);
        if (parameters.modelName() == null) {
            builder.modelName(AisaGeminiChatModelIT.MODEL);
        }
        return builder.build();
    }

    @Override
    public StreamingChatModel createModelWith(ChatModelListener listener) {
        return builder().listeners(listener).build();
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
    protected Class<? extends ChatResponseMetadata> chatResponseMetadataType(StreamingChatModel model) {
        return AisaGeminiChatResponseMetadata.class;
    }

    @Override
    protected Class<? extends TokenUsage> tokenUsageType(StreamingChatModel model) {
        return OpenAiTokenUsage.class;
    }

    @Override
    protected void verifyToolCallbacks(StreamingChatResponseHandler handler, InOrder io, String id) {
        io.verify(handler, atLeast(0)).onPartialResponse(any(), any());
        io.verify(handler).onCompleteToolCall(argThat(call -> call.index() == 0));
    }

    @Override
    protected void verifyToolCallbacks(StreamingChatResponseHandler handler, InOrder io, StreamingChatModel model) {
        io.verify(handler, atLeast(0)).onPartialResponse(any(), any());
        io.verify(handler).onCompleteToolCall(argThat(call -> call.index() == 0));
    }

    @Override
    protected void verifyToolCallbacks(StreamingChatResponseHandler handler, InOrder io, String id1, String id2) {
        io.verify(handler, atLeast(0)).onPartialResponse(any(), any());
        io.verify(handler).onCompleteToolCall(argThat(call -> call.index() == 0));
        io.verify(handler).onCompleteToolCall(argThat(call -> call.index() == 1));
    }
}
