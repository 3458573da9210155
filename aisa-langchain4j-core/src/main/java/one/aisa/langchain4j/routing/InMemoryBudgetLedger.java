package one.aisa.langchain4j.routing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** The default {@link BudgetLedger}: the spend of one process, dropped as it leaves the window. Thread-safe. */
public final class InMemoryBudgetLedger implements BudgetLedger {

    private record Spend(Instant at, BigDecimal cost) {}

    private final Deque<Spend> spends = new ArrayDeque<>();
    private BigDecimal spent = BigDecimal.ZERO;

    @Override
    public synchronized BigDecimal spentSince(Instant cutoff) {
        while (!spends.isEmpty() && !spends.peekFirst().at().isAfter(cutoff)) {
            spent = spent.subtract(spends.removeFirst().cost());
        }
        return spent;
    }

    @Override
    public synchronized void add(Instant at, BigDecimal cost) {
        spends.addLast(new Spend(at, cost));
        spent = spent.add(cost);
    }
}
