package one.aisa.langchain4j.samples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.RouteTrace;
import one.aisa.langchain4j.catalog.ModelCapability;

/** How the CLI prints money, tokens, text and answers. */
final class Format {

    /** The width answers and errors are wrapped to inside tables. */
    static final int TEXT_WIDTH = 64;

    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP \\d{3}( [a-z_]+)?");

    private Format() {}

    static String usd(BigDecimal amount) {
        return amount == null
                ? "-"
                : "$" + amount.setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    static String costLine(AisaChatResponseMetadata metadata) {
        if (metadata.cacheHit() != null) {
            return "[" + metadata.modelName() + " | from the cache, "
                    + metadata.cacheHit().age().toMillis() + " ms old | saved "
                    + usd(metadata.cacheHit().costSaved()) + "]";
        }
        String tokens = metadata.tokenUsage() == null
                ? "tokens unknown"
                : metadata.tokenUsage().inputTokenCount() + " in / "
                        + metadata.tokenUsage().outputTokenCount() + " out";
        return "[" + metadata.modelName() + " | " + tokens + " | cost " + usd(metadata.cost()) + "]";
    }

    static String shorten(String text, int max) {
        if (text == null) {
            return "-";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 3) + "...";
    }

    /** {@code text} in lines of at most {@code width} characters, broken between words; nothing is cut off. */
    static String wrap(String text, int width) {
        if (text == null) {
            return "-";
        }
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.strip().split("\\R")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("\\s+")) {
                while (word.length() > width) {
                    if (line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    lines.add(word.substring(0, width));
                    word = word.substring(width);
                }
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    /** Capabilities in a stable order, as the catalog names them: {@code vision, tools}. */
    static String capabilities(Set<ModelCapability> capabilities) {
        return capabilityNames(capabilities).isEmpty() ? "text only" : String.join(", ", capabilityNames(capabilities));
    }

    static List<String> capabilityNames(Set<ModelCapability> capabilities) {
        if (capabilities.isEmpty()) {
            return List.of();
        }
        return EnumSet.copyOf(capabilities).stream()
                .map(capability -> capability.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    /**
     * A route on one short line: {@code gpt-4o failed (HTTP 503 model_not_available) -> claude-haiku-4-5 answered}.
     * The full errors are in the trace; the status is what a reader needs here.
     */
    static String route(RouteTrace route) {
        return route.attempts().stream()
                .map(attempt -> attempt.model() + " "
                        + switch (attempt.outcome()) {
                            case ANSWERED -> "answered";
                            case FAILED -> "failed (" + reason(attempt.error()) + ")";
                            case SKIPPED_CIRCUIT_OPEN -> "skipped (circuit open)";
                        })
                .collect(Collectors.joining(" -> "));
    }

    private static String reason(String error) {
        if (error == null) {
            return "unknown error";
        }
        Matcher status = HTTP_STATUS.matcher(error);
        return status.find() ? status.group() : shorten(error, 40);
    }

    /** One answer as JSON, the same shape for every command: model, text, finish reason, tokens, cost. */
    static ObjectNode answerJson(ChatResponse response) {
        AisaChatResponseMetadata metadata = (AisaChatResponseMetadata) response.metadata();
        ObjectNode node = AisaCli.json()
                .createObjectNode()
                .put("model", metadata.modelName())
                .put("text", response.aiMessage().text())
                .put(
                        "finish_reason",
                        metadata.finishReason() == null
                                ? null
                                : metadata.finishReason().name());
        if (metadata.tokenUsage() != null) {
            node.put("input_tokens", metadata.tokenUsage().inputTokenCount())
                    .put("output_tokens", metadata.tokenUsage().outputTokenCount());
        }
        node.put("cost_usd", metadata.cost());
        if (metadata.cacheHit() != null) {
            node.putObject("cache_hit")
                    .put("kind", metadata.cacheHit().kind().name().toLowerCase(Locale.ROOT))
                    .put("age_ms", metadata.cacheHit().age().toMillis())
                    .put("saved_usd", metadata.cacheHit().costSaved());
        }
        return node;
    }
}
