package one.aisa.langchain4j.routing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where a {@link Budget}'s spend is kept. The routers read the spend of the window before a call and add a call's
 * cost after it: a ledger only has to add atomically and sum what is newer than a cutoff, never read-then-write.
 * So with several instances the spend passes the limit by at most what the calls already under way when it was
 * crossed cost.
 */
public interface BudgetLedger {

    /** USD spent after {@code cutoff}. */
    BigDecimal spentSince(Instant cutoff);

    /** Adds what one call cost, at {@code at}. */
    void add(Instant at, BigDecimal cost);
}
