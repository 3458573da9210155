package one.aisa.langchain4j.routing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link Budget} for one router: the spend of a sliding window on the router's clock. The spend itself lives
 * in the budget's {@link Ledger}, so routers given the same {@code Budget} (a blocking and a streaming one, say)
 * spend from one purse. Never held across a model call.
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
            budget.ledger.add(clock.instant(), cost);
        }
    }

    void creditsReported(BigDecimal creditsRemaining) {
        BigDecimal threshold = budget.lowCreditsWarning();
        if (threshold != null
                && creditsRemaining != null
                && creditsRemaining.compareTo(threshold) < 0
                && budget.ledger.warnedLowCredits.compareAndSet(false, true)) {
            LOG.warn(
                    "AIsa credits are low: {} USD left, below the warning threshold of {} USD. Top up at aisa.one.",
                    creditsRemaining,
                    threshold);
        }
    }

    /** The spend of one {@link Budget}, shared by every router that keeps it. */
    static final class Ledger {

        private record Spend(Instant at, BigDecimal cost) {}

        private final Deque<Spend> spends = new ArrayDeque<>();
        private final AtomicBoolean warnedLowCredits = new AtomicBoolean();
        private BigDecimal spent = BigDecimal.ZERO;

        synchronized BigDecimal spentSince(Instant cutoff) {
            while (!spends.isEmpty() && !spends.peekFirst().at().isAfter(cutoff)) {
                spent = spent.subtract(spends.removeFirst().cost());
            }
            return spent;
        }

        synchronized void add(Instant at, BigDecimal cost) {
            spends.addLast(new Spend(at, cost));
            spent = spent.add(cost);
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
