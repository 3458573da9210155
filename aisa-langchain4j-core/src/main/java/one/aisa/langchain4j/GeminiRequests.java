package one.aisa.langchain4j;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatRequestParameters;

/** Requests as {@code langchain4j-google-ai-gemini} reads them: with its own parameters type. */
final class GeminiRequests {

    private GeminiRequests() {}

    /**
     * The request with Gemini's parameters: {@code ChatModel.chat} has already laid it over this model's defaults;
     * a router's or a caller's plain parameters are laid over them here.
     */
    static ChatRequest withGeminiParameters(ChatRequest request, GoogleAiGeminiChatRequestParameters defaults) {
        if (request.parameters() instanceof GoogleAiGeminiChatRequestParameters) {
            return request;
        }
        return request.toBuilder()
                .parameters(defaults.overrideWith(request.parameters()))
                .build();
    }
}
