package one.aisa.langchain4j.samples.spring;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.tool.ToolExecution;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.cost.CostReport;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.cost.ModelCost;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Asks the assistant each question given on the command line (or {@link #SAMPLE_QUESTION}) and prints the answer,
 * the model that answered, the tool calls that ran, the route of every model call, and the cost the
 * {@link CostTracker} bean recorded.
 */
@Component
class SupportDeskRunner implements ApplicationRunner {

    static final String SAMPLE_QUESTION = "Hi, where is my order A-1042? It should have arrived by now.";

    private final SupportAssistant assistant;
    private final CostTracker costTracker;
    private final PrintStream out = System.out;

    SupportDeskRunner(SupportAssistant assistant, CostTracker costTracker) {
        this.assistant = assistant;
        this.costTracker = costTracker;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> questions = args.getNonOptionArgs().isEmpty() ? List.of(SAMPLE_QUESTION) : args.getNonOptionArgs();
        for (String question : questions) {
            Result<String> result = assistant.chat(question);
            printAnswer(question, result);
        }
        printCost(costTracker.snapshot());
    }

    private void printAnswer(String question, Result<String> result) {
        out.println("Q: " + question);
        out.println("A: " + result.content());
        detail("answered by", result.finalResponse().modelName());
        for (ToolExecution execution : result.toolExecutions()) {
            detail(
                    "tool call",
                    execution.request().name() + "(" + execution.request().arguments() + ") = " + execution.result());
        }
        List<ChatResponse> calls = new ArrayList<>(result.intermediateResponses());
        calls.add(result.finalResponse());
        for (int i = 0; i < calls.size(); i++) {
            detail(i == 0 ? "route" : "", "call " + (i + 1) + ": " + route(calls.get(i)));
        }
        out.println();
    }

    private void detail(String label, String text) {
        out.printf("   %-12s %s%n", label, text);
    }

    /** The models tried for one call; routers put the trace in the AIsa metadata. */
    private static String route(ChatResponse response) {
        if (response.metadata() instanceof AisaChatResponseMetadata aisa && aisa.route() != null) {
            return aisa.route().toString();
        }
        return response.modelName() + " answered (no fallbacks configured)";
    }

    private void printCost(CostReport report) {
        out.println("Cost, from the CostTracker bean");
        for (ModelCost model : report.models()) {
            out.printf(
                    "   %-20s %d calls  %,d in / %,d out tokens  %s%n",
                    model.model(), model.calls(), model.inputTokens(), model.outputTokens(), usd(model.cost()));
        }
        out.println("   total " + usd(report.totalCost())
                + (report.creditsRemaining() == null ? "" : ", credits left " + usd(report.creditsRemaining())));
    }

    private static String usd(BigDecimal amount) {
        return "$" + amount.stripTrailingZeros().toPlainString();
    }
}
