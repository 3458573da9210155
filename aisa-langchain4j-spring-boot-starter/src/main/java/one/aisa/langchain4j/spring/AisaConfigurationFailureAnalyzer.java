package one.aisa.langchain4j.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Reports an {@link AisaConfigurationException} as a description and an action. Ordered first, so it wins over
 * Boot's generic bind-failure report, which would bury the property under the binder's exception chain.
 */
public class AisaConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<AisaConfigurationException>
        implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AisaConfigurationException cause) {
        return new FailureAnalysis(
                "The AIsa property '" + cause.property() + "' " + cause.problem() + ".", cause.fix(), cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
