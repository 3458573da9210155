package one.aisa.langchain4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request the {@link AisaSimulator} received.
 *
 * @param method the HTTP method
 * @param path the path, e.g. {@code /v1/chat/completions}
 * @param model the model asked for, or {@code null}
 * @param stream whether a stream was asked for
 * @param body the JSON body, or {@code null} when there was none or it was not JSON
 * @param authorization the {@code Authorization} header as received
 */
public record RecordedRequest(
        String method, String path, String model, boolean stream, JsonNode body, String authorization) {

    /** The text of the last user message (of a Gemini request, its last user turn with text), or {@code ""}. */
    public String lastUserText() {
        return Prompts.lastUserText(body);
    }
}
