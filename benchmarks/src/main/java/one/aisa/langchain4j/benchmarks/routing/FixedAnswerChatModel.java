package one.aisa.langchain4j.benchmarks.routing;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Objects;
import one.aisa.langchain4j.routing.RequestFeatures;

/**
 * A stand-in for a real model in a routing replay: it answers every request at once with the same text and a token
 * usage, and makes no network call. The replay judges the answer by the data set's result for the model that
 * answered, never by its text. Input tokens are the router's own estimate of the prompt (about four characters a
 * token, {@link RequestFeatures#estimatedPromptTokens()}); output tokens are a fixed count, since the data sets
 * record no answer lengths.
 */
public final class FixedAnswerChatModel implements ChatModel {

    private final String modelName;
    private final int outputTokens;

    public FixedAnswerChatModel(String modelName, int outputTokens) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        if (outputTokens < 0) {
            throw new IllegalArgumentException("outputTokens must not be negative, was " + outputTokens);
        }
        this.outputTokens = outputTokens;
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        int inputTokens = Math.toIntExact(RequestFeatures.of(chatRequest).estimatedPromptTokens());
        return ChatResponse.builder()
                .aiMessage(AiMessage.from("answer of " + modelName))
                .modelName(modelName)
                .tokenUsage(new TokenUsage(inputTokens, outputTokens))
                .finishReason(FinishReason.STOP)
                .build();
    }

    public String modelName() {
        return modelName;
    }

    @Override
    public String toString() {
        return "FixedAnswerChatModel{" + modelName + ", outputTokens=" + outputTokens + '}';
    }
}
