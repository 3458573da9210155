package one.aisa.langchain4j.samples.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import one.aisa.langchain4j.AisaChatResponseMetadata;

/** How the CLI prints money, tokens and text. */
final class Format {

    private Format() {}

    static String usd(BigDecimal amount) {
        return amount == null
                ? "-"
                : "$" + amount.setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    static String costLine(AisaChatResponseMetadata metadata) {
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
}
