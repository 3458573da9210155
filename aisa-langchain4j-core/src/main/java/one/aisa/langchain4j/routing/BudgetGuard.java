package one.aisa.langchain4j.routing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a {@link Budget}: the spend of a sliding window on the router's clock. Never held across a model call. */
final class BudgetGuard {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetGuard.class);

    private record Spend(Instant at, BigDecimal cost) {}

    final Budget budget;
    private final Clock clock;
    private final Deque<Spend> spends = new ArrayDeque<>();
    private final AtomicBoolean warnedLowCredits = new AtomicBoolean();
    private BigDecimal spent = BigDecimal.ZERO;

    BudgetGuard(Budget budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    synchronized BigDecimal spentInWindow() {
        Instant cutoff = clock.instant().minus(budget.window());
        while (!spends.isEmpty() && !spends.peekFirst().at().isAfter(cutoff)) {
            spent = spent.subtract(spends.removeFirst().cost());
        }
        return spent;
    }

    boolean exhausted() {
        return spentInWindow().compareTo(budget.limit()) >= 0;
    }

    synchronized void record(BigDecimal cost) {
        if (cost == null || cost.signum() <= 0) {
            return;
        }
        spends.addLast(new Spend(clock.instant(), cost));
        spent = spent.add(cost);
    }

    void creditsReported(BigDecimal creditsRemaining) {
        BigDecimal threshold = budget.lowCreditsWarning();
        if (threshold != null
                && creditsRemaining != null
                && creditsRemaining.compareTo(threshold) < 0
                && warnedLowCredits.compareAndSet(false, true)) {
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
