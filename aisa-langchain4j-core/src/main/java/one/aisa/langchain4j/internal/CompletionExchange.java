package one.aisa.langchain4j.internal;

import static dev.langchain4j.model.openai.internal.OpenAiUtils.aiMessageFrom;
import static dev.langchain4j.model.openai.internal.OpenAiUtils.logProbsFrom;
import static dev.langchain4j.model.openai.internal.OpenAiUtils.tokenUsageFrom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.Internal;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionChoice;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import java.util.Map;
import one.aisa.langchain4j.AisaChatResponseMetadata;

/**
 * One blocking chat-completion exchange, read once. A clean body is bound straight to {@code langchain4j-open-ai}'s
 * response type ({@link CompletionReader}); any other is parsed into a tree, checked and normalised there
 * ({@link ResponseInspector}), and the tree itself is bound. Either way that module's own mapping makes the
 * {@code AiMessage}. Cost, credits, the request id and the finish reason are read by the same
 * code as on the streaming path ({@link UsageExtras#read}, {@link FinishReasons#resolve}).
 */
@Internal
public final class CompletionExchange {

    private final HttpClient httpClient;
    private final String url;
    private final Map<String, String> headers;
    private final boolean returnThinking;
    private final GatewayErrors errors;
    private final ResponseInspector inspector;

    public CompletionExchange(
            HttpClient httpClient,
            String baseUrl,
            Map<String, String> headers,
            boolean returnThinking,
            GatewayErrors errors) {
        this.httpClient = httpClient;
        this.url = baseUrl + "/chat/completions";
        this.headers = Map.copyOf(headers);
        this.returnThinking = returnThinking;
        this.errors = errors;
        this.inspector = new ResponseInspector(errors);
    }

    private static String toJson(ChatCompletionRequest body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the chat completion request", e);
        }
    }

    /** Sends the request and reads the answer; every failure is a typed LangChain4j exception. */
    public ChatResponse send(ChatCompletionRequest body) {
        HttpRequest request = HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(url)
                .addHeaders(headers)
                .body(toJson(body))
                .build();
        SuccessfulHttpResponse response = httpClient.execute(request);
        try {
            CompletionReader.Clean clean = CompletionReader.read(response.bodyBytes());
            if (clean != null) {
                return answer(
                        response,
                        clean.completion(),
                        UsageExtras.read(clean.cost(), clean.creditsRemaining(), response.headers(), errors));
            }
            JsonNode tree = inspector.readCompletion(response);
            return answer(
                    response,
                    Json.MAPPER.treeToValue(tree, ChatCompletionResponse.class),
                    UsageExtras.read(tree.get("usage"), response.headers(), errors));
        } catch (JsonProcessingException e) {
            throw errors.unmappableResponse(e.getOriginalMessage(), e);
        } catch (LangChain4jException e) {
            throw e;
        } catch (RuntimeException e) {
            // what langchain4j-open-ai's mapping still throws on a shape the check let through: this answer is
            // unusable, and another try or model may do better
            throw errors.unmappableResponse(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private ChatResponse answer(
            SuccessfulHttpResponse response, ChatCompletionResponse completion, UsageExtras extras) {
        AiMessage aiMessage = aiMessageFrom(completion, returnThinking);
        ChatCompletionChoice choice = completion.choices().get(0);
        String rawFinishReason =
                choice.finishReason() == null || choice.finishReason().isEmpty() ? null : choice.finishReason();
        return ChatResponse.builder()
                .aiMessage(aiMessage)
                .metadata(AisaChatResponseMetadata.builder()
                        .id(completion.id())
                        .modelName(completion.model())
                        .tokenUsage(tokenUsageFrom(completion.usage()))
                        .finishReason(FinishReasons.resolve(rawFinishReason, aiMessage.hasToolExecutionRequests()))
                        .rawFinishReason(rawFinishReason)
                        .cost(extras.cost())
                        .creditsRemaining(extras.creditsRemaining())
                        .requestId(extras.requestId())
                        .created(completion.created())
                        .serviceTier(completion.serviceTier())
                        .systemFingerprint(completion.systemFingerprint())
                        .rawHttpResponse(response)
                        .logProbs(logProbsFrom(choice.logprobs()))
                        .build())
                .build();
    }
}
