package one.aisa.langchain4j.routing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A spend limit for a router: at most {@code limit} USD within any {@code window}, optionally at most
 * {@code perCallLimit} USD estimated per call; when crossed, either {@link Action#DOWNGRADE} to the cheapest
 * capable models or {@link Action#FAIL} with a {@link BudgetExceededException}. A balance below
 * {@code lowCreditsWarning} is logged once.
 *
 * <p>One {@code Budget} is one purse: routers built with the same instance (a {@link RoutingChatModel} and a
 * {@link RoutingStreamingChatModel}, say) count their spend together; build a second instance for a separate limit.
 * With a shared {@link BudgetLedger}, routers in several processes count together too.
 */
public final class Budget {

    /** What happens when the budget is spent. */
    public enum Action {
        /** Keep answering, from the cheapest capable models. */
        DOWNGRADE,
        /** Refuse the call with a {@link BudgetExceededException}. */
        FAIL
    }

    private final BigDecimal limit;
    private final Duration window;
    private final BigDecimal perCallLimit;
    private final Action action;
    private final BigDecimal lowCreditsWarning;
    private final BudgetLedger ledger;
    final AtomicBoolean warnedLowCredits = new AtomicBoolean();

    private Budget(Builder builder) {
        this.limit = Objects.requireNonNull(builder.limit, "limit: set the spend limit in USD");
        if (limit.signum() < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        this.window = Objects.requireNonNull(builder.window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (builder.perCallLimit != null && builder.perCallLimit.signum() <= 0) {
            throw new IllegalArgumentException("perCallLimit must be positive, was " + builder.perCallLimit);
        }
        this.perCallLimit = builder.perCallLimit;
        this.action = Objects.requireNonNull(builder.action, "action");
        this.lowCreditsWarning = builder.lowCreditsWarning;
        this.ledger = builder.ledger != null ? builder.ledger : new InMemoryBudgetLedger();
    }

    /** A limit of {@code limit} USD per {@code window}, downgrading when crossed. */
    public static Builder builder() {
        return new Builder();
    }

    public BigDecimal limit() {
        return limit;
    }

    public Duration window() {
        return window;
    }

    public BigDecimal perCallLimit() {
        return perCallLimit;
    }

    public Action action() {
        return action;
    }

    public BigDecimal lowCreditsWarning() {
        return lowCreditsWarning;
    }

    /**
     * What the routers keeping this budget spent in the window ending at {@code now}, in USD (for dashboards: pass
     * {@code Instant.now()}, or the routers' clock in tests).
     */
    public BigDecimal spentInWindow(Instant now) {
        return ledger.spentSince(now.minus(window));
    }

    /** Where the spend is kept: in this process by default, or shared (e.g. in Redis). */
    public BudgetLedger ledger() {
        return ledger;
    }

    @Override
    public String toString() {
        return "Budget{" + limit + " USD per " + window
                + (perCallLimit == null ? "" : ", " + perCallLimit + " per call") + ", " + action + '}';
    }

    public static final class Builder {

        private BigDecimal limit;
        private Duration window = Duration.ofDays(1);
        private BigDecimal perCallLimit;
        private Action action = Action.DOWNGRADE;
        private BigDecimal lowCreditsWarning;
        private BudgetLedger ledger;

        private Builder() {}

        /** The most to spend within a window, in USD. Required. */
        public Builder limit(BigDecimal limit) {
            this.limit = limit;
            return this;
        }

        /** The sliding window the limit applies to. Default one day. */
        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        /** The most one call may be estimated to cost, in USD. Default: no per-call limit. */
        public Builder perCallLimit(BigDecimal perCallLimit) {
            this.perCallLimit = perCallLimit;
            return this;
        }

        /** What happens when a limit is crossed. Default {@link Action#DOWNGRADE}. */
        public Builder action(Action action) {
            this.action = action;
            return this;
        }

        /** Logs a warning once when the gateway reports a balance below this, in USD. Default: never. */
        public Builder lowCreditsWarning(BigDecimal lowCreditsWarning) {
            this.lowCreditsWarning = lowCreditsWarning;
            return this;
        }

        /**
         * Where the spend is kept. Default: in this process. A shared ledger (e.g. {@code RedisBudgetLedger} of
         * {@code aisa-langchain4j-redis}) makes instances of an application spend from one purse.
         */
        public Builder ledger(BudgetLedger ledger) {
            this.ledger = ledger;
            return this;
        }

        public Budget build() {
            return new Budget(this);
        }
    }
}
