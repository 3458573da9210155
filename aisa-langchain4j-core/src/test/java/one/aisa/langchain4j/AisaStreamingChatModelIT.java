package one.aisa.langchain4j;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.atLeastOnce;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.common.AbstractStreamingChatModelIT;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.mockito.ArgumentMatcher;
import org.mockito.InOrder;

/**
 * LangChain4j's shared streaming conformance suite against the real gateway. Runs only when {@code AISA_API_KEY} is
 * set; {@code AISA_BASE_URL} and {@code AISA_IT_MODEL} (default gpt-4o-mini) are optional.
 *
 * <p>Tool callbacks are checked in the order this model emits them: each call's partial tool calls in order, then
 * its complete tool call (a call is completed as soon as the next one starts with whole JSON arguments, or at the
 * end of the stream).
 */
@EnabledIfEnvironmentVariable(named = "AISA_API_KEY", matches = ".+")
class AisaStreamingChatModelIT extends AbstractStreamingChatModelIT {

    private static final String MODEL = System.getenv().getOrDefault("AISA_IT_MODEL", "gpt-4o-mini");

    private static AisaStreamingChatModel.AisaStreamingChatModelBuilder builder() {
        return AisaStreamingChatModel.builder()
                .baseUrl(System.getenv("AISA_BASE_URL"))
                .modelName(MODEL)
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
        AisaStreamingChatModel.AisaStreamingChatModelBuilder builder =
                builder().modelName(parameters.modelName()).defaultRequestParameters(parameters);
        if (parameters.modelName() == null) {
            builder.modelName(MODEL);
        }
        return builder.build();
    }

    @Override
    public StreamingChatModel createModelWith(ChatModelListener listener) {
        return builder().listeners(listener).build();
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
    protected Class<? extends ChatResponseMetadata> chatResponseMetadataType(StreamingChatModel model) {
        return AisaChatResponseMetadata.class;
    }

    @Override
    protected Class<? extends TokenUsage> tokenUsageType(StreamingChatModel model) {
        return OpenAiTokenUsage.class;
    }

    /** One tool call with arguments: its partial calls, then its complete call. */
    @Override
    protected void verifyToolCallbacks(StreamingChatResponseHandler handler, InOrder io, String id) {
        // some models talk before calling a tool
        io.verify(handler, atLeast(0)).onPartialResponse(any(), any());
        verifyOneCall(handler, io, 0, id, true);
    }

    /** One tool call without arguments: its arguments ("{}") may come as one partial call or as none at all. */
    @Override
    protected void verifyToolCallbacks(StreamingChatResponseHandler handler, InOrder io, StreamingChatModel model) {
        io.verify(handler, atLeast(0)).onPartialResponse(any(), any());
        verifyOneCall(handler, io, 0, null, false);
    }

    /** Two parallel calls: index 0's partial calls, its completion, then index 1's partial calls and completion. */
    @Override
    protected void verifyToolCallbacks(StreamingChatResponseHandler handler, InOrder io, String id1, String id2) {
        io.verify(handler, atLeast(0)).onPartialResponse(any(), any());
        verifyOneCall(handler, io, 0, id1, true);
        verifyOneCall(handler, io, 1, id2, true);
    }

    private static void verifyOneCall(
            StreamingChatResponseHandler handler, InOrder io, int index, String id, boolean hasArguments) {
        io.verify(handler, hasArguments ? atLeastOnce() : atLeast(0))
                .onPartialToolCall(argThat(partialOf(index, id)), any());
        io.verify(handler).onCompleteToolCall(argThat(completeOf(index, id)));
    }

    private static ArgumentMatcher<PartialToolCall> partialOf(int index, String id) {
        return call -> call != null
                && call.index() == index
                && (id == null || id.equals(call.id()))
                && call.name() != null
                && !call.partialArguments().isEmpty();
    }

    private static ArgumentMatcher<CompleteToolCall> completeOf(int index, String id) {
        return call -> call != null
                && call.index() == index
                && (id == null || id.equals(call.toolExecutionRequest().id()));
    }
}
