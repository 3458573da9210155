package one.aisa.langchain4j.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a simulated answer as Gemini's {@code streamGenerateContent}: one {@code GenerateContentResponse} fragment
 * per word of text and per function call (whole, never split), each with the cumulative {@code usageMetadata}, the
 * {@code modelVersion} and the {@code responseId}, and the {@code finishReason} on the last only. With
 * {@code alt=sse} every fragment is an event {@code data: {...}\r\n\r\n} and the end of the body ends the stream,
 * with no {@code [DONE]}; without it the fragments make one JSON array, {@code [{...},\r\n{...}]}.
 *
 * <p>A stream fault sends its number of fragments, never the last one, then: a cut ends the body there (no
 * {@code finishReason}; in an array, no closing bracket); an error in the stream adds Google's error object,
 * {@code {"error":{"code":500,"message":...,"status":"INTERNAL"}}}, as the last event.
 */
final class GeminiStream {

    /** A written stream, and its number of events for pacing. */
    record Written(String body, int events) {}

    private GeminiStream() {}

    static Written write(GeminiAnswer answer, boolean sse, SimulatedFault streamBreak) {
        List<String> events = new ArrayList<>();
        fragments(answer).forEach(fragment -> events.add(GatewayResponses.write(fragment)));
        boolean closed = true;
        if (streamBreak != null) {
            events.subList(Math.min(streamBreak.afterChunks, events.size() - 1), events.size())
                    .clear();
            if (streamBreak.kind == SimulatedFault.Kind.ERROR_IN_STREAM) {
                events.add(GatewayResponses.write(GatewayResponses.googleErrorBody(500, streamBreak.message)));
            } else {
                closed = false;
            }
        }
        StringBuilder body = new StringBuilder();
        if (sse) {
            events.forEach(event -> body.append("data: ").append(event).append("\r\n\r\n"));
        } else {
            body.append('[').append(String.join(",\r\n", events)).append(closed ? "]" : "");
        }
        return new Written(body.toString(), events.size());
    }

    /** The fragments of a whole answer: its text word by word, then its function calls one by one. */
    static List<ObjectNode> fragments(GeminiAnswer answer) {
        long outputTokens = answer.answer().outputTokens();
        if (!answer.finishReason().equals(GeminiAnswer.STOP)) {
            return List.of(answer.fragment(List.of(), answer.finishReason(), outputTokens));
        }
        List<ObjectNode> parts = new ArrayList<>();
        List<Long> tokensSoFar = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (answer.answer().text() != null) {
            for (String piece : SimulatedStream.pieces(answer.answer().text())) {
                parts.add(GeminiAnswer.textPart(piece));
                tokensSoFar.add(Prompts.estimateTokens(text.append(piece).toString()));
            }
        }
        long textTokens = Prompts.estimateTokens(text.toString());
        int calls = 0;
        for (ScriptedReply.ToolCall call : answer.answer().toolCalls()) {
            calls++;
            parts.add(GeminiAnswer.functionCallPart(call));
            tokensSoFar.add(textTokens + 8L * calls);
        }
        if (parts.isEmpty()) {
            parts.add(GeminiAnswer.textPart(""));
            tokensSoFar.add(outputTokens);
        }
        List<ObjectNode> fragments = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            fragments.add(answer.fragment(
                    List.of(parts.get(i)),
                    last ? GeminiAnswer.STOP : null,
                    last ? outputTokens : Math.min(outputTokens, tokensSoFar.get(i))));
        }
        return fragments;
    }
}
