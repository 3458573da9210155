package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.GatewayResponses.errorBody;
import static one.aisa.langchain4j.testkit.GatewayResponses.errorBuilder;
import static one.aisa.langchain4j.testkit.GatewayResponses.googleError;
import static one.aisa.langchain4j.testkit.GatewayResponses.json;

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

    /** Faults on the native Gemini route, in Google's error shape. */
    static ResponseDefinition gemini(SimulatedFault fault) {
        return switch (fault.kind) {
            case STATUS -> {
                ResponseDefinitionBuilder response = googleError(fault.status, fault.message);
                if (fault.retryAfter != null) {
                    response.withHeader("Retry-After", retryAfterSeconds(fault));
                }
                yield response.build();
            }
            case STREAM_CUT -> chat(SimulatedFault.malformedBody());
            case ERROR_IN_STREAM -> googleError(500, fault.message).build();
            default -> chat(fault);
        };
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
