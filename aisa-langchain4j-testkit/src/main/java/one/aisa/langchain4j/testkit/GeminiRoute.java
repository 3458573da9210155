package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.GatewayResponses.googleError;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import one.aisa.langchain4j.catalog.ModelInfo;

/**
 * Gemini's native {@code POST /v1beta/models/{model}:generateContent} and {@code :streamGenerateContent} (and
 * {@code /v1/...}): the chat route's answers in Google's shape. Scripted text; function calls when a script asks for
 * them and the request declares {@code tools[].functionDeclarations} and ends with the user's words; after function
 * responses, the default reply quotes them, so a tool loop ends. Charged like a chat answer, the cost sent as
 * {@code x-aisa-price-usd}; errors in Google's shape. A stream is SSE with {@code alt=sse}, else one JSON array
 * ({@link GeminiStream}).
 *
 * <p>Faults, mapped as the chat route maps them:
 *
 * <ul>
 *   <li>An HTTP status ({@code status}, {@code rateLimited}, ...): that status in Google's error shape, with
 *       {@code Retry-After} when asked, on both methods.
 *   <li>Latency: the normal answer, late. A connection reset: the connection reset.
 *   <li>A malformed body: a 200 cut off inside its first {@code GenerateContentResponse}: the JSON body, the first
 *       SSE event, or the array's first element.
 *   <li>A stream cut after n: on a stream, n fragments (never the last), then the end of the body, so no
 *       {@code finishReason}; on {@code generateContent}, the malformed body.
 *   <li>An error in the stream after n: on a stream, n fragments, then {@code {"error":{"code":500,...,
 *       "status":"INTERNAL"}}} as the last event; on {@code generateContent}, a 500 in Google's shape.
 * </ul>
 */
final class GeminiRoute {

    /** How the answer is sent: one body, or a stream of SSE events or of JSON array elements. */
    enum Delivery {
        BLOCKING,
        SSE,
        JSON_ARRAY
    }

    /** The route's path; group 2 is the model, group 3 the method. */
    static final Pattern PATH = Pattern.compile("/(v1|v1beta)/models/([^/:]+):(generateContent|streamGenerateContent)");

    private final GatewayState state;
    private final Duration streamChunkDelay;

    GeminiRoute(GatewayState state, Duration streamChunkDelay) {
        this.state = state;
        this.streamChunkDelay = streamChunkDelay;
    }

    static boolean isStream(Matcher path) {
        return path.group(3).equals("streamGenerateContent");
    }

    /** How the request on {@code path} (a match of {@link #PATH}) with this {@code alt} parameter is answered. */
    static Delivery delivery(Matcher path, QueryParameter alt) {
        if (!isStream(path)) {
            return Delivery.BLOCKING;
        }
        return alt.isPresent() && alt.values().contains("sse") ? Delivery.SSE : Delivery.JSON_ARRAY;
    }

    ResponseDefinition serve(String model, JsonNode body, Delivery delivery) {
        if (body == null
                || !body.path("contents").isArray()
                || body.path("contents").isEmpty()) {
            return googleError(400, "* GenerateContentRequest.contents: contents is not specified")
                    .build();
        }
        SimulatedFault fault = state.faults().next(model);
        ResponseDefinition faulted = fault == null ? null : FaultResponses.geminiAnswerInstead(fault, delivery);
        if (faulted != null) {
            return faulted;
        }
        ModelInfo info = state.model(model);
        if (info == null) {
            return googleError(404, "models/" + model + " is not found.").build();
        }
        if (state.balance().signum() <= 0) {
            return googleError(402, "Insufficient credits: the balance is spent.")
                    .build();
        }
        return answer(model, body, delivery, info, fault);
    }

    /** The normal answer; a fault that got this far is latency, or a stream fault on a stream. */
    private ResponseDefinition answer(
            String model, JsonNode body, Delivery delivery, ModelInfo info, SimulatedFault fault) {
        Replies.Answer answer = Replies.geminiAnswer(state.scripts(), model, body);
        long promptTokens = Prompts.estimateTokens(Prompts.geminiPromptText(body));
        BigDecimal cost = info.priceOf(promptTokens, answer.outputTokens());
        state.charge(cost);
        GeminiAnswer gemini = new GeminiAnswer(answer, model, "sim-" + state.nextSequence(), promptTokens);
        ResponseDefinitionBuilder response = delivery == Delivery.BLOCKING
                ? GatewayResponses.json(200, gemini.response())
                : stream(gemini, delivery, FaultResponses.streamBreak(fault));
        return response.withHeader("x-aisa-price-usd", cost.toPlainString())
                .withFixedDelay(FaultResponses.delayMillis(fault))
                .build();
    }

    /** The stream sent as it would arrive from a model: one fragment per word, {@code streamChunkDelay} apart. */
    private ResponseDefinitionBuilder stream(GeminiAnswer answer, Delivery delivery, SimulatedFault streamBreak) {
        boolean sse = delivery == Delivery.SSE;
        GeminiStream.Written written = GeminiStream.write(answer, sse, streamBreak);
        return GatewayResponses.paced(
                GatewayResponses.ok(sse ? "text/event-stream" : "application/json", written.body()),
                written.events(),
                streamChunkDelay);
    }
}
