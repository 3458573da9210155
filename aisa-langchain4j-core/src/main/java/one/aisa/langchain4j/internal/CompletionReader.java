package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.langchain4j.model.openai.internal.chat.AssistantMessage;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionChoice;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionResponse;
import dev.langchain4j.model.openai.internal.chat.FunctionCall;
import dev.langchain4j.model.openai.internal.chat.ToolCall;
import dev.langchain4j.model.openai.internal.chat.ToolType;
import dev.langchain4j.model.openai.internal.shared.CompletionTokensDetails;
import dev.langchain4j.model.openai.internal.shared.PromptTokensDetails;
import dev.langchain4j.model.openai.internal.shared.Usage;
import java.io.IOException;
import java.util.List;

/**
 * The common case of a blocking answer, read with no tree: the body is bound straight to {@code langchain4j-open-ai}'s
 * response type, as {@code OpenAiChatModel} does, and the gateway's own fields ({@code usage.cost},
 * {@code usage.credits_remaining}, {@code "object"}) are caught on the way by a Jackson problem handler.
 *
 * <p>The binding is strict: no scalar is coerced, and trailing content fails. A body that fails it, or that binds
 * but holds something {@link ResponseInspector} would reject or normalise (a missing message, a {@code null} tool
 * call, a tool call without its type, blank arguments, an error object), is declined, and the caller reads it the
 * careful way. So a clean body costs one binding, and every other body gets exactly the careful path's answer or
 * error.
 */
final class CompletionReader {

    /** A body that bound cleanly, with the gateway fields as they were sent (each may be {@code null}). */
    record Clean(ChatCompletionResponse completion, JsonNode cost, JsonNode creditsRemaining) {}

    /** Reports unknown properties to the handler instead of dropping them (on the types whose extras matter). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    private abstract static class ReportUnknown {}

    /** What the handler saw of one body; one per read, passed as a per-call attribute. */
    private static final class Seen {
        JsonNode cost;
        JsonNode creditsRemaining;
        boolean errorObject;
        boolean unreadable;
    }

    private static final ObjectReader STRICT = strictMapper().readerFor(ChatCompletionResponse.class);

    private CompletionReader() {}

    /** The bound body, or {@code null} when it must be read the careful way. */
    static Clean read(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        Seen seen = new Seen();
        ChatCompletionResponse completion;
        try {
            completion = STRICT.withAttribute(Seen.class, seen).readValue(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return completion != null && !seen.errorObject && !seen.unreadable && isClean(completion)
                ? new Clean(completion, seen.cost, seen.creditsRemaining)
                : null;
    }

    private static boolean isClean(ChatCompletionResponse completion) {
        List<ChatCompletionChoice> choices = completion.choices();
        if (choices == null || choices.isEmpty() || choices.get(0) == null) {
            return false;
        }
        AssistantMessage message = choices.get(0).message();
        if (message == null) {
            return false;
        }
        if (message.functionCall() != null && !isComplete(message.functionCall())) {
            return false;
        }
        if (message.toolCalls() != null) {
            for (ToolCall call : message.toolCalls()) {
                if (call == null || call.type() != ToolType.FUNCTION || !isComplete(call.function())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isComplete(FunctionCall function) {
        return function != null
                && function.name() != null
                && !function.name().isBlank()
                && function.arguments() != null
                && !function.arguments().isBlank();
    }

    private static JsonMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addMixIn(ChatCompletionResponse.Builder.class, ReportUnknown.class)
                .addMixIn(Usage.Builder.class, ReportUnknown.class)
                .addMixIn(AssistantMessage.Builder.class, ReportUnknown.class)
                .addMixIn(PromptTokensDetails.Builder.class, ReportUnknown.class)
                .addMixIn(CompletionTokensDetails.Builder.class, ReportUnknown.class)
                .addHandler(new GatewayFields())
                .build();
        for (CoercionInputShape shape :
                List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /**
     * Keeps {@code usage.cost}, {@code usage.credits_remaining} and an error {@code "object"}, checks the unbound
     * fields {@link CompletionShape} checks, and skips the rest.
     */
    private static final class GatewayFields extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(
                DeserializationContext context,
                JsonParser parser,
                JsonDeserializer<?> deserializer,
                Object builder,
                String property)
                throws IOException {
            Seen seen = (Seen) context.getAttribute(Seen.class);
            if (builder instanceof Usage.Builder && "cost".equals(property)) {
                seen.cost = context.readTree(parser);
            } else if (builder instanceof Usage.Builder && "credits_remaining".equals(property)) {
                seen.creditsRemaining = context.readTree(parser);
            } else if (builder instanceof ChatCompletionResponse.Builder && "object".equals(property)) {
                seen.errorObject = "error".equals(parser.getValueAsString());
                parser.skipChildren();
            } else if (!(builder instanceof ChatCompletionResponse.Builder) && !(builder instanceof Usage.Builder)) {
                // the message's role and the token details the module does not bind are still checked
                seen.unreadable |= !CompletionShape.acceptsUnbound(property, context.readTree(parser));
            } else {
                parser.skipChildren();
            }
            return true;
        }
    }
}
