package one.aisa.langchain4j.routing;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import java.util.regex.Pattern;
import one.aisa.langchain4j.catalog.ModelCapability;
import one.aisa.langchain4j.catalog.ModelInfo;

/**
 * What a request needs and looks like, read without any network call: images, tools, a JSON schema, an estimate of
 * its prompt tokens, and the text features the task classifier and the difficulty score use.
 *
 * @param needsVision an image is attached
 * @param needsTools tools are offered
 * @param needsJsonSchema a JSON schema response format is asked for
 * @param estimatedPromptTokens about four characters per token, plus a flat cost per image
 * @param maxOutputTokens the requested output cap, or {@code null}
 * @param lastUserText the text of the last user message
 * @param hasCodeFence the user text holds a fenced code block or looks like code
 * @param cjkShare the share of CJK characters in the user text, 0 to 1
 */
public record RequestFeatures(
        boolean needsVision,
        boolean needsTools,
        boolean needsJsonSchema,
        long estimatedPromptTokens,
        Integer maxOutputTokens,
        String lastUserText,
        boolean hasCodeFence,
        double cjkShare) {

    private static final int TOKENS_PER_IMAGE = 1_000;
    private static final int DEFAULT_OUTPUT_TOKENS = 1_000;
    private static final Pattern CODE = Pattern.compile(
            "```|\\b(def|class|public|function|import|return|SELECT|const|#include)\\b|[{};]\\s*$", Pattern.MULTILINE);

    public static RequestFeatures of(ChatRequest request) {
        boolean vision = false;
        long characters = 0;
        int images = 0;
        String lastUser = "";
        for (ChatMessage message : request.messages()) {
            if (message instanceof UserMessage user) {
                StringBuilder text = new StringBuilder();
                for (Content content : user.contents()) {
                    if (content instanceof ImageContent) {
                        vision = true;
                        images++;
                    } else if (content instanceof TextContent textContent) {
                        text.append(textContent.text());
                    }
                }
                lastUser = text.toString();
                characters += text.length();
            } else if (message instanceof SystemMessage system) {
                characters += system.text().length();
            } else {
                characters += message.toString().length();
            }
        }
        ResponseFormat format = request.parameters().responseFormat();
        return new RequestFeatures(
                vision,
                !request.parameters().toolSpecifications().isEmpty(),
                format != null && format.jsonSchema() != null,
                (characters + 3) / 4 + (long) images * TOKENS_PER_IMAGE,
                request.parameters().maxOutputTokens(),
                lastUser,
                CODE.matcher(lastUser).find(),
                cjkShare(lastUser));
    }

    /** Whether this model can take the request: capabilities, and the prompt plus output within its window. */
    public boolean fits(ModelInfo model) {
        return (!needsVision || model.supports(ModelCapability.VISION))
                && (!needsTools || model.supports(ModelCapability.TOOLS))
                && (!needsJsonSchema || model.supports(ModelCapability.JSON_SCHEMA))
                && estimatedPromptTokens + expectedOutputTokens() <= model.contextWindow();
    }

    /** The output the request allows, or a typical answer's length when it sets no cap. */
    public long expectedOutputTokens() {
        return maxOutputTokens == null ? DEFAULT_OUTPUT_TOKENS : maxOutputTokens;
    }

    private static double cjkShare(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        long cjk = text.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
                        || Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL)
                .count();
        long letters = text.codePoints().filter(Character::isLetter).count();
        return letters == 0 ? 0 : (double) cjk / letters;
    }
}
