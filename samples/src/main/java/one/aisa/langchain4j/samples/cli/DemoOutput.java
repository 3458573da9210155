package one.aisa.langchain4j.samples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.ModelComparison;
import one.aisa.langchain4j.RouteTrace;

/** What the demo tour reports, step by step: as text while it runs, or as one JSON document at the end. */
interface DemoOutput {

    void step(String title, String question);

    /** A piece of a streamed answer; {@link #answer(ChatResponse)} follows with the whole. */
    void partial(String text);

    void answer(ChatResponse response);

    /** An answer without response metadata (an AI Service returns just the text). */
    void answer(String text);

    void toolCall(String name, String arguments);

    void comparison(List<ModelComparison.Result> results);

    void route(RouteTrace route);

    void ledger(CostLedger ledger);

    static DemoOutput text(PrintStream out) {
        return new Text(out);
    }

    static DemoOutput json(PrintStream out, boolean simulated) {
        return new Json(out, simulated);
    }

    /** Questions and answers as a reader follows them; answers are wrapped, never cut off. */
    final class Text implements DemoOutput {
        private static final String INDENT = "   ";
        private static final String ANSWER_INDENT = INDENT + "   ";

        private final PrintStream out;
        private int steps;
        private boolean streaming;

        private Text(PrintStream out) {
            this.out = out;
        }

        @Override
        public void step(String title, String question) {
            if (steps++ > 0) {
                out.println();
            }
            out.println(steps + ". " + title);
            out.println(INDENT + "Q: " + question);
        }

        @Override
        public void partial(String text) {
            if (!streaming) {
                out.print(INDENT + "A: ");
                streaming = true;
            }
            out.print(text);
            out.flush();
        }

        @Override
        public void answer(ChatResponse response) {
            if (streaming) {
                out.println();
                streaming = false;
            } else {
                answer(response.aiMessage().text());
            }
            out.println(ANSWER_INDENT + Format.costLine((AisaChatResponseMetadata) response.metadata()));
        }

        @Override
        public void answer(String text) {
            out.println(INDENT + "A: " + Format.wrap(text, 72).replace("\n", "\n" + ANSWER_INDENT));
        }

        @Override
        public void toolCall(String name, String arguments) {
            out.println(ANSWER_INDENT + "tool called: " + name + "(" + arguments + ")");
        }

        @Override
        public void comparison(List<ModelComparison.Result> results) {
            Table table = new Table("MODEL", "LATENCY", "COST", "ANSWER");
            for (ModelComparison.Result result : results) {
                table.row(
                        result.label(),
                        result.latency().toMillis() + " ms",
                        Format.usd(result.cost()),
                        CompareCommand.answer(result));
            }
            indent(table.toString());
        }

        @Override
        public void route(RouteTrace route) {
            out.println(INDENT + "route: " + Format.route(route));
        }

        @Override
        public void ledger(CostLedger ledger) {
            out.println();
            out.println("Cost ledger");
            indent(ledger.table());
        }

        private void indent(String text) {
            text.lines().forEach(line -> out.println(INDENT + line));
        }
    }

    /** One document with every step, printed when the ledger closes the tour. */
    final class Json implements DemoOutput {
        private final PrintStream out;
        private final ObjectNode document;
        private final ArrayNode steps;
        private ObjectNode step;

        private Json(PrintStream out, boolean simulated) {
            this.out = out;
            this.document = AisaCli.json().createObjectNode().put("simulated", simulated);
            this.steps = document.putArray("steps");
        }

        @Override
        public void step(String title, String question) {
            step = steps.addObject()
                    .put("step", steps.size())
                    .put("title", title)
                    .put("question", question);
        }

        @Override
        public void partial(String text) {}

        @Override
        public void answer(ChatResponse response) {
            step.set("answer", Format.answerJson(response));
        }

        @Override
        public void answer(String text) {
            step.putObject("answer").put("text", text);
        }

        @Override
        public void toolCall(String name, String arguments) {
            ArrayNode calls = step.has("tool_calls") ? (ArrayNode) step.get("tool_calls") : step.putArray("tool_calls");
            calls.addObject().put("name", name).put("arguments", arguments);
        }

        @Override
        public void comparison(List<ModelComparison.Result> results) {
            ArrayNode array = step.putArray("results");
            for (ModelComparison.Result result : results) {
                ObjectNode node = result.succeeded()
                        ? Format.answerJson(result.response())
                        : AisaCli.json().createObjectNode().put("error", Errors.describe(result.error()));
                array.addObject()
                        .put("model", result.label())
                        .put("ok", result.succeeded())
                        .put("latency_ms", result.latency().toMillis())
                        .setAll(node);
            }
        }

        @Override
        public void route(RouteTrace route) {
            ArrayNode attempts = step.putArray("route");
            for (RouteTrace.Attempt attempt : route.attempts()) {
                ObjectNode node = attempts.addObject()
                        .put("model", attempt.model())
                        .put("outcome", attempt.outcome().name().toLowerCase(Locale.ROOT));
                if (attempt.error() != null) {
                    node.put("error", attempt.error());
                }
            }
        }

        @Override
        public void ledger(CostLedger ledger) {
            document.set("ledger", ledger.json());
            out.println(document.toPrettyString());
        }
    }
}
