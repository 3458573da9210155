package one.aisa.langchain4j.routing;

import java.util.Optional;
import one.aisa.langchain4j.catalog.ModelInfo;

/**
 * A model a strategy may choose, with what the catalog knows of it and what the router has observed.
 *
 * @param label the route's label (the model name for AIsa models)
 * @param info the catalog entry, empty when the model is not in the catalog
 * @param latencyEwmaMillis exponentially weighted average latency of its answers, {@code NaN} before the first
 * @param answers answers observed so far
 */
public record RouteCandidate(String label, Optional<ModelInfo> info, double latencyEwmaMillis, long answers) {}
