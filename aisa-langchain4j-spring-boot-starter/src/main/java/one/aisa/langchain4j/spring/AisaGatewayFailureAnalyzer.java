package one.aisa.langchain4j.spring;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.InsufficientCreditsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a gateway call that failed during start-up (an {@code ApplicationRunner} asking the model, say) as one
 * line of what failed and one of what to check, instead of Boot's "Application run failed" and a stack trace of two
 * hundred lines: a gateway that cannot be reached, a host that does not resolve, a key it refuses, spent credits.
 */
public class AisaGatewayFailureAnalyzer extends AbstractFailureAnalyzer<LangChain4jException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LangChain4jException cause) {
        String action;
        if (cause instanceof AisaConnectionException || cause instanceof UnresolvedModelServerException) {
            action = "Check aisa.base-url (AISA_BASE_URL outside Spring) and that the gateway is reachable from here;"
                    + " to run offline, point it at the AIsa simulator of aisa-langchain4j-testkit.";
        } else if (cause instanceof AuthenticationException) {
            action = "Check aisa.api-key (the AISA_API_KEY environment variable binds to it): a key from aisa.one.";
        } else if (cause instanceof InsufficientCreditsException) {
            action = "Top up the AIsa balance at aisa.one: every model draws on it.";
        } else if (cause instanceof AisaError) {
            action = "The AIsa gateway refused a call made during start-up; the message above says why.";
        } else {
            return null;
        }
        return new FailureAnalysis(firstLine(cause.getMessage()), action, cause);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "An AIsa gateway call failed during start-up.";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
