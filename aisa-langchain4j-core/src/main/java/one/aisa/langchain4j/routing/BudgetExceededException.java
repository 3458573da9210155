package one.aisa.langchain4j.routing;

import dev.langchain4j.exception.NonRetriableException;
import java.math.BigDecimal;

/** A router's {@link Budget} is spent and its action is {@code FAIL}. */
public class BudgetExceededException extends NonRetriableException {

    private final BigDecimal spent;
    private final Budget budget;

    public BudgetExceededException(String message, BigDecimal spent, Budget budget) {
        super(message);
        this.spent = spent;
        this.budget = budget;
    }

    /** What was spent in the current window, in USD. */
    public BigDecimal spent() {
        return spent;
    }

    public Budget budget() {
        return budget;
    }
}
