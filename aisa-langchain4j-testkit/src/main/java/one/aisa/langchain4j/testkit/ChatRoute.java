package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.GatewayResponses.NODES;
import static one.aisa.langchain4j.testkit.GatewayResponses.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.math.BigDecimal;
import java.time.Duration;
import one.aisa.langchain4j.catalog.ModelInfo;

/**
 * {@code POST /v1/chat/completions}: checks the request, applies a scheduled fault, answers as JSON or as an SSE
 * stream, and charges the balance with the usage and cost it reports.
 */
final class ChatRoute {

    private final GatewayState state;
    private final Duration streamChunkDelay;

    ChatRoute(GatewayState state, Duration streamChunkDelay) {
        this.state = state;
        this.streamChunkDelay = streamChunkDelay;
    }

    ResponseDefinition serve(String model, JsonNode body, boolean stream) {
        if (body == null || model == null || model.isBlank()) {
            return error(400, "invalid_request_error", "missing_parameter", "The request body must name a model.");
        }
        if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
            return error(400, "invalid_request_error", "missing_parameter", "messages must be a non-empty array.");
        }
        SimulatedFault fault = state.faults().next(model);
        ResponseDefinition faulted = fault == null ? null : FaultResponses.chatAnswerInstead(fault, stream);
        if (faulted != null) {
            return faulted;
        }
        ModelInfo info = state.model(model);
        if (info == null) {
            return error(404, "invalid_request_error", "model_not_found", "The model '" + model + "' does not exist.");
        }
        if (state.balance().signum() <= 0) {
            return error(
                    402, "insufficient_credits", "insufficient_credits", "Insufficient credits: the balance is spent.");
        }
        return answer(model, body, stream, info, fault);
    }

    /** The normal answer; a fault that got this far is latency, or a stream fault on a stream. */
    private ResponseDefinition answer(
            String model, JsonNode body, boolean stream, ModelInfo info, SimulatedFault fault) {
        Replies.Answer answer = Replies.chatAnswer(state.scripts(), model, body);
        long promptTokens = Prompts.estimateTokens(Prompts.chatPromptText(body));
        long completionTokens = answer.outputTokens();
        BigDecimal cost = info.priceOf(promptTokens, completionTokens);
        ObjectNode usage = usage(promptTokens, completionTokens, cost, state.charge(cost));
        String id = "chatcmpl-sim-" + state.nextSequence();
        ResponseDefinitionBuilder response = stream
                ? eventStream(SimulatedStream.body(id, model, answer, usage, FaultResponses.streamBreak(fault)))
                : GatewayResponses.json(
                        200, SimulatedCompletion.body(id, model, answer, usage, 1_700_000_000L + state.sequence()));
        return response.withHeader("x-request-id", "req_" + id)
                .withHeader("x-aisa-price-usd", cost.toPlainString())
                .withFixedDelay(FaultResponses.delayMillis(fault))
                .build();
    }

    private static ObjectNode usage(long promptTokens, long completionTokens, BigDecimal cost, BigDecimal remaining) {
        return NODES.objectNode()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens)
                .put("cost", cost)
                .put("credits_remaining", remaining);
    }

    /** A stream sent as it would arrive from a model: one piece per word, {@code streamChunkDelay} apart. */
    private ResponseDefinitionBuilder eventStream(String body) {
        return GatewayResponses.paced(
                GatewayResponses.ok("text/event-stream", body), body.split("\n\n").length, streamChunkDelay);
    }
}
