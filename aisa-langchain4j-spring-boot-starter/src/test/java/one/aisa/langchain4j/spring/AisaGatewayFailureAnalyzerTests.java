package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.UnresolvedModelServerException;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.exception.InsufficientCreditsException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A gateway failure during start-up becomes one line of what failed and one of what to check. */
class AisaGatewayFailureAnalyzerTests {

    private static final AisaErrorDetails DETAILS = new AisaErrorDetails(0, null, null, null, null, null, null);
    private final AisaGatewayFailureAnalyzer analyzer = new AisaGatewayFailureAnalyzer();

    @Test
    void eachKindOfGatewayFailureNamesWhatToCheck() {
        assertThat(analyze(new AisaConnectionException("AIsa gateway error: cannot connect to POST x", DETAILS)))
                .satisfies(analysis -> {
                    assertThat(analysis.getDescription()).isEqualTo("AIsa gateway error: cannot connect to POST x");
                    assertThat(analysis.getAction()).contains("aisa.base-url").contains("AISA_BASE_URL");
                });
        assertThat(analyze(new UnresolvedModelServerException("Cannot resolve the host"))
                        .getAction())
                .contains("aisa.base-url");
        assertThat(analyze(new AisaAuthenticationException("HTTP 401: bad key", DETAILS))
                        .getAction())
                .contains("aisa.api-key")
                .contains("AISA_API_KEY");
        assertThat(analyze(new InsufficientCreditsException("HTTP 402", DETAILS))
                        .getAction())
                .contains("Top up");
        assertThat(analyze(new AisaServerException("HTTP 500: boom\nsecond line", DETAILS))
                        .getDescription())
                .isEqualTo("HTTP 500: boom");
    }

    @Test
    void otherFailuresAreLeftToBoot() {
        assertThat(analyzer.analyze(new IllegalStateException("not ours"))).isNull();
        assertThat(analyzer.analyze(new dev.langchain4j.exception.LangChain4jException("not a gateway error")))
                .isNull();
    }

    private FailureAnalysis analyze(Throwable failure) {
        return analyzer.analyze(new IllegalStateException("Failed to execute ApplicationRunner", failure));
    }
}
