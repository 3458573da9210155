package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.GatewayResponses.errorBody;
import static one.aisa.langchain4j.testkit.GatewayResponses.errorBuilder;
import static one.aisa.langchain4j.testkit.GatewayResponses.googleError;
import static one.aisa.langchain4j.testkit.GatewayResponses.json;
import static one.aisa.langchain4j.testkit.GatewayResponses.ok;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * How an injected {@link SimulatedFault} is answered: at once in the chat route's OpenAI shape or the Gemini route's
 * Google shape, or folded into a normal answer (latency, a broken stream).
 */
final class FaultResponses {

    private FaultResponses() {}

    /**
     * The chat route's answer to {@code fault} when it replaces the normal answer, or {@code null} when the normal
     * answer carries it: delayed by latency, or broken by a stream fault when a stream was asked for.
     */
    static ResponseDefinition chatAnswerInstead(SimulatedFault fault, boolean stream) {
        return switch (fault.kind) {
            case LATENCY -> null;
            case STREAM_CUT, ERROR_IN_STREAM -> {
                if (stream) {
                    yield null;
                }
                yield chat(fault.kind == SimulatedFault.Kind.STREAM_CUT ? SimulatedFault.malformedBody() : fault);
            }
            default -> chat(fault);
        };
    }

    /**
     * The Gemini route's answer to {@code fault} when it replaces the normal answer, or {@code null} when the normal
     * answer carries it: delayed by latency, or broken by a stream fault when a stream was asked for. Errors are in
     * Google's shape; the mapping is listed on {@link GeminiRoute}.
     */
    static ResponseDefinition geminiAnswerInstead(SimulatedFault fault, GeminiRoute.Delivery delivery) {
        boolean stream = delivery != GeminiRoute.Delivery.BLOCKING;
        return switch (fault.kind) {
            case LATENCY -> null;
            case STATUS -> {
                ResponseDefinitionBuilder response = googleError(fault.status, fault.message);
                if (fault.retryAfter != null) {
                    response.withHeader("Retry-After", retryAfterSeconds(fault));
                }
                yield response.build();
            }
            case STREAM_CUT -> stream ? null : truncatedGemini(delivery);
            case ERROR_IN_STREAM ->
                stream ? null : googleError(500, fault.message).build();
            case MALFORMED_BODY -> truncatedGemini(delivery);
            case CONNECTION_RESET -> chat(fault);
        };
    }

    /** A 200 cut off inside its first {@code GenerateContentResponse}, framed as the request asked. */
    private static ResponseDefinition truncatedGemini(GeminiRoute.Delivery delivery) {
        String start = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"";
        ResponseDefinitionBuilder response =
                switch (delivery) {
                    case BLOCKING -> ok("application/json", start);
                    case SSE -> ok("text/event-stream", "data: " + start + "\r\n\r\n");
                    case JSON_ARRAY -> ok("application/json", "[" + start);
                };
        return response.build();
    }

    /** The delay a normal answer waits for {@code fault}: its latency, or none. */
    static int delayMillis(SimulatedFault fault) {
        return fault != null && fault.kind == SimulatedFault.Kind.LATENCY ? (int) fault.latency.toMillis() : 0;
    }

    /** The fault that breaks a stream answer, or {@code null}. */
    static SimulatedFault streamBreak(SimulatedFault fault) {
        return fault != null
                        && (fault.kind == SimulatedFault.Kind.STREAM_CUT
                                || fault.kind == SimulatedFault.Kind.ERROR_IN_STREAM)
                ? fault
                : null;
    }

    private static ResponseDefinition chat(SimulatedFault fault) {
        return switch (fault.kind) {
            case STATUS -> {
                ResponseDefinitionBuilder response = errorBuilder(fault.status, fault.type, fault.code, fault.message);
                if (fault.retryAfter != null) {
                    response.withHeader("Retry-After", retryAfterSeconds(fault));
                    response.withHeader("retry-after-ms", String.valueOf(fault.retryAfter.toMillis()));
                }
                yield response.build();
            }
            case CONNECTION_RESET ->
                ResponseDefinitionBuilder.responseDefinition()
                        .withFault(Fault.CONNECTION_RESET_BY_PEER)
                        .build();
            case MALFORMED_BODY ->
                ResponseDefinitionBuilder.responseDefinition()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"id\":\"chatcmpl-sim-broken\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,")
                        .build();
            case ERROR_IN_STREAM ->
                json(200, errorBody(fault.type, fault.code, fault.message)).build();
            default -> throw new IllegalStateException("not an immediate fault: " + fault);
        };
    }

    private static String retryAfterSeconds(SimulatedFault fault) {
        return String.valueOf(Math.max(1, fault.retryAfter.toSeconds()));
    }
}
