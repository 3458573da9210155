package one.aisa.langchain4j.routing;

/** What the router does after a model failed. */
public enum FailoverDecision {
    /** Surface the error: another model would fail the same way. */
    FAIL_FAST,
    /** Try the next model of the chain at once. */
    NEXT_MODEL,
    /** Continue along the context-window chain (models with larger windows); fail fast if there is none. */
    CONTEXT_WINDOW_CHAIN,
    /** Continue along the content-policy chain; fail fast if there is none. */
    CONTENT_POLICY_CHAIN
}
