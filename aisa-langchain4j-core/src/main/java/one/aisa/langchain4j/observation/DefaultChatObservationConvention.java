package one.aisa.langchain4j.observation;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import one.aisa.langchain4j.internal.SecretRedactor;

/**
 * The OpenTelemetry GenAI names, plus AIsa's.
 *
 * <p>Low cardinality (metric tags and span attributes): {@code gen_ai.operation.name} ({@code chat}),
 * {@code gen_ai.provider.name} ({@code aisa}), {@code gen_ai.request.model}, {@code gen_ai.response.model},
 * {@code error.type} ({@code none} without an error), {@code aisa.streaming}; on a logical call also
 * {@code aisa.route.fallback} and {@code aisa.cache.hit} ({@code none}, {@code exact}, {@code semantic}).
 *
 * <p>High cardinality (span attributes only): {@code gen_ai.usage.input_tokens}, {@code gen_ai.usage.output_tokens},
 * {@code gen_ai.response.id}, {@code gen_ai.response.finish_reasons}, {@code aisa.cost.usd},
 * {@code aisa.route.answered_by}, {@code aisa.route.attempts}; for a stream {@code aisa.stream.chunks},
 * {@code aisa.stream.time_to_first_chunk_ms} and {@code aisa.stream.time_per_output_chunk_ms}. The prompt and the
 * answer ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}) only when built with
 * {@code includeContent} true, and then with anything shaped like a key masked.
 */
public class DefaultChatObservationConvention implements ChatObservationConvention {

    /** The name of a logical call's observation (and of its timer). */
    public static final String CALL = "gen_ai.client.operation";

    /** The name of an attempt's observation under a router. */
    public static final String ATTEMPT = "aisa.routing.attempt";

    private static final String NONE = "none";
    private static final int CONTENT_LIMIT = 4_000;

    private final boolean includeContent;
    private final UnaryOperator<String> redactor;

    /** Records no prompt or answer. */
    public DefaultChatObservationConvention() {
        this(false);
    }

    /** @param includeContent whether spans carry the prompt and the answer (keys masked); off by default */
    public DefaultChatObservationConvention(boolean includeContent) {
        this.includeContent = includeContent;
        this.redactor = SecretRedactor.ANY_KEY::redact;
    }

    @Override
    public String getName() {
        return CALL;
    }

    @Override
    public String getContextualName(ChatObservationContext context) {
        return "chat " + orNone(context.requestModel());
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ChatObservationContext context) {
        KeyValues values = KeyValues.of(
                KeyValue.of("gen_ai.operation.name", "chat"),
                KeyValue.of("gen_ai.provider.name", "aisa"),
                KeyValue.of("gen_ai.request.model", orNone(context.requestModel())),
                KeyValue.of("gen_ai.response.model", orNone(context.responseModel())),
                KeyValue.of(
                        "error.type",
                        context.getError() == null
                                ? NONE
                                : context.getError().getClass().getSimpleName()),
                KeyValue.of("aisa.streaming", String.valueOf(context.streaming())));
        if (context.kind() == ChatObservationContext.Kind.CALL) {
            values = values.and(
                    KeyValue.of("aisa.route.fallback", String.valueOf(Boolean.TRUE.equals(context.fellBack()))),
                    KeyValue.of("aisa.cache.hit", orNone(context.cacheHit())));
        }
        return values;
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ChatObservationContext context) {
        KeyValues values = KeyValues.empty();
        ChatResponse response = context.response();
        if (response != null) {
            TokenUsage usage = response.tokenUsage();
            if (usage != null && usage.inputTokenCount() != null) {
                values = values.and("gen_ai.usage.input_tokens", String.valueOf(usage.inputTokenCount()));
            }
            if (usage != null && usage.outputTokenCount() != null) {
                values = values.and("gen_ai.usage.output_tokens", String.valueOf(usage.outputTokenCount()));
            }
            if (response.id() != null) {
                values = values.and("gen_ai.response.id", response.id());
            }
            if (response.finishReason() != null) {
                values = values.and(
                        "gen_ai.response.finish_reasons",
                        response.finishReason().name().toLowerCase(Locale.ROOT));
            }
        }
        if (context.cost() != null) {
            values = values.and("aisa.cost.usd", context.cost().toPlainString());
        }
        if (context.answeredBy() != null) {
            values = values.and(
                    KeyValue.of("aisa.route.answered_by", context.answeredBy()),
                    KeyValue.of("aisa.route.attempts", String.valueOf(context.attempts())));
        }
        if (context.streaming()) {
            values = values.and("aisa.stream.chunks", String.valueOf(context.chunks()));
            if (context.timeToFirstChunkNanos() >= 0) {
                values = values.and("aisa.stream.time_to_first_chunk_ms", millis(context.timeToFirstChunkNanos()));
            }
            if (context.timePerOutputChunkNanos() >= 0) {
                values = values.and("aisa.stream.time_per_output_chunk_ms", millis(context.timePerOutputChunkNanos()));
            }
        }
        if (includeContent) {
            values = values.and(
                    "gen_ai.input.messages", content(context.request().messages()));
            if (response != null && response.aiMessage() != null) {
                values = values.and("gen_ai.output.messages", content(List.of(response.aiMessage())));
            }
        }
        return values;
    }

    private String content(List<ChatMessage> messages) {
        String text = messages.stream()
                .map(message -> role(message) + ": " + text(message))
                .collect(Collectors.joining("\n"));
        String redacted = redactor.apply(text);
        return redacted.length() <= CONTENT_LIMIT ? redacted : redacted.substring(0, CONTENT_LIMIT) + "…";
    }

    private static String role(ChatMessage message) {
        return message.type().name().toLowerCase(Locale.ROOT);
    }

    private static String text(ChatMessage message) {
        if (message instanceof UserMessage user) {
            return user.hasSingleText() ? user.singleText() : user.contents().toString();
        }
        if (message instanceof SystemMessage system) {
            return system.text();
        }
        if (message instanceof AiMessage ai) {
            return ai.text() != null ? ai.text() : String.valueOf(ai.toolExecutionRequests());
        }
        if (message instanceof ToolExecutionResultMessage result) {
            return result.text();
        }
        return message.toString();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1_000_000.0);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
