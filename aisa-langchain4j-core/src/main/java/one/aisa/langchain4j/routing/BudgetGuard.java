package one.aisa.langchain4j.routing;

import java.math.BigDecimal;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link Budget} for one router: the spend of a sliding window on the router's clock. The spend itself lives
 * in the budget's {@link BudgetLedger}, so routers given the same {@code Budget} (a blocking and a streaming one,
 * say) spend from one purse, and routers in several processes can too (a shared ledger). Never held across a model
 * call.
 */
final class BudgetGuard {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetGuard.class);

    final Budget budget;
    private final Clock clock;

    BudgetGuard(Budget budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    BigDecimal spentInWindow() {
        return budget.spentInWindow(clock.instant());
    }

    boolean exhausted() {
        return spentInWindow().compareTo(budget.limit()) >= 0;
    }

    void record(BigDecimal cost) {
        if (cost != null && cost.signum() > 0) {
            budget.ledger().add(clock.instant(), cost);
        }
    }

    void creditsReported(BigDecimal creditsRemaining) {
        BigDecimal threshold = budget.lowCreditsWarning();
        if (threshold != null
                && creditsRemaining != null
                && creditsRemaining.compareTo(threshold) < 0
                && budget.warnedLowCredits.compareAndSet(false, true)) {
            LOG.warn(
                    "AIsa credits are low: {} USD left, below the warning threshold of {} USD. Top up at aisa.one.",
                    creditsRemaining,
                    threshold);
        }
    }

    BudgetExceededException exceeded(String what) {
        BigDecimal now = spentInWindow();
        return new BudgetExceededException(
                "The router's budget is spent: " + what + " (" + now + " USD spent of " + budget.limit() + " USD per "
                        + budget.window() + "). Raise the budget, or use Budget.Action.DOWNGRADE to keep answering"
                        + " from cheaper models.",
                now,
                budget);
    }
}
