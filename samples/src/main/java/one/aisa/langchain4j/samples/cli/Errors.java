package one.aisa.langchain4j.samples.cli;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ModelNotFoundException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.ContextLengthExceededException;
import one.aisa.langchain4j.exception.InsufficientCreditsException;

/**
 * Turns a failure into one line for the person at the terminal. The library's messages name the fix in library
 * terms ({@code modelName(...)}, {@code GET /v1/models}); here the fix is a command or an option.
 */
final class Errors {

    private Errors() {}

    /** What went wrong and what to type next, on one line. */
    static String describe(Throwable failure) {
        if (failure instanceof AisaError aisa
                && aisa.details() != null
                && aisa.details().statusCode() > 0) {
            return gateway(failure, aisa.details()) + advice(failure, aisa.details());
        }
        String message = failure.getMessage();
        return oneLine(message == null || message.isBlank() ? failure.getClass().getSimpleName() : message);
    }

    private static String gateway(Throwable failure, AisaErrorDetails details) {
        StringBuilder text = new StringBuilder("the gateway answered HTTP ").append(details.statusCode());
        if (details.code() != null && !details.code().equals(String.valueOf(details.statusCode()))) {
            text.append(' ').append(details.code());
        }
        String message = details.message() == null ? failure.getMessage() : details.message();
        text.append(": ").append(oneLine(message).replaceAll("[.\\s]+$", ""));
        if (details.requestId() != null) {
            text.append(" (request_id ").append(details.requestId()).append(')');
        }
        return text.append('.').toString();
    }

    private static String advice(Throwable failure, AisaErrorDetails details) {
        if (failure instanceof AuthenticationException) {
            return " Check AISA_API_KEY: it must be a key from aisa.one.";
        }
        if (failure instanceof InsufficientCreditsException) {
            return " The AIsa balance is spent; top it up at aisa.one.";
        }
        if (failure instanceof ContextLengthExceededException) {
            return " Shorten the conversation, or pick a model with a larger context ('aisa models').";
        }
        if (failure instanceof ModelNotFoundException) {
            if (details.statusCode() == 503) {
                return " No upstream serves this model right now: try another -m ('aisa models' lists them).";
            }
            String text = String.valueOf(details.message()) + " " + details.code();
            return text.contains("model")
                    ? " Check -m: 'aisa models' lists the models the gateway serves."
                    : " Check --base-url or AISA_BASE_URL: it should end in /v1, e.g. https://api.aisa.one/v1.";
        }
        return "";
    }

    /** The first line of {@code text}, blanks collapsed; stack traces and JSON dumps stay out of the terminal. */
    static String oneLine(String text) {
        String first = text.strip().lines().findFirst().orElse("");
        return first.replaceAll("\\s+", " ");
    }
}
