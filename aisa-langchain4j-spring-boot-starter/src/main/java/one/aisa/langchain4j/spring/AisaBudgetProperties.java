package one.aisa.langchain4j.spring;

import static one.aisa.langchain4j.spring.AisaConfigurationErrors.property;
import static one.aisa.langchain4j.spring.AisaRetryProperties.setIfPresent;

import java.math.BigDecimal;
import java.time.Duration;
import one.aisa.langchain4j.routing.Budget;

/**
 * A spend limit over a sliding window, shared by the blocking and the streaming model (the same purse). Setting
 * {@code limit} switches it on and makes the beans routers; unset values keep {@code Budget.builder()}'s defaults,
 * and {@code Budget} checks the values.
 *
 * @param limit The most to spend within the window, in USD; unset means no budget.
 * @param window The sliding window the limit applies to.
 * @param perCallLimit The most one call may be estimated to cost, in USD; unset means no per-call limit.
 * @param action What happens when a limit is crossed: downgrade (keep answering from the cheapest capable models) or
 *     fail (refuse the call with a BudgetExceededException).
 * @param lowCreditsWarning Log a warning once when the gateway reports a balance below this, in USD.
 */
public record AisaBudgetProperties(
        BigDecimal limit,
        Duration window,
        BigDecimal perCallLimit,
        Budget.Action action,
        BigDecimal lowCreditsWarning) {

    private static final String PREFIX = AisaProperties.PREFIX + ".budget";

    public AisaBudgetProperties {
        // the bean exists only with a limit, so a per-call limit alone would be ignored without a word
        if (limit == null && perCallLimit != null) {
            throw new AisaConfigurationException(
                    PREFIX + ".limit",
                    "is not set, but aisa.budget.per-call-limit is",
                    "Set aisa.budget.limit too: the USD to spend per aisa.budget.window (default 1d).");
        }
    }

    /** The budget these settings describe; null without a limit. */
    public Budget budget() {
        return budget(null);
    }

    /** The budget, its spend kept in {@code ledger} (shared by the instances), or in this process when null. */
    public Budget budget(one.aisa.langchain4j.routing.BudgetLedger ledger) {
        if (limit == null) {
            return null;
        }
        Budget budget = build(limit);
        return ledger == null ? budget : rebuilt(budget, ledger);
    }

    private static Budget rebuilt(Budget budget, one.aisa.langchain4j.routing.BudgetLedger ledger) {
        return Budget.builder()
                .limit(budget.limit())
                .window(budget.window())
                .perCallLimit(budget.perCallLimit())
                .action(budget.action())
                .lowCreditsWarning(budget.lowCreditsWarning())
                .ledger(ledger)
                .build();
    }

    /** Checks the settings as they bind, also while the budget is off (no limit), so a typo does not wait for it. */
    void check() {
        build(limit == null ? BigDecimal.ZERO : limit);
    }

    private Budget build(BigDecimal spendLimit) {
        Budget.Builder builder = Budget.builder().limit(spendLimit);
        setIfPresent(window, builder::window);
        setIfPresent(perCallLimit, builder::perCallLimit);
        setIfPresent(action, builder::action);
        setIfPresent(lowCreditsWarning, builder::lowCreditsWarning);
        return AisaConfigurationErrors.build(
                builder::build,
                property(
                        "limit",
                        PREFIX + ".limit",
                        "Set the most to spend per window in USD, e.g. 5.00, or remove it" + " for no budget."),
                property("window", PREFIX + ".window"),
                property("perCallLimit", PREFIX + ".per-call-limit"));
    }
}
