/**
 * Routing decorators over any LangChain4j chat model: fallback chains, per-model circuit breakers, the failover
 * policy and the trace of each call's route. Calls models through {@code chat(...)} only, never {@code doChat}.
 */
package one.aisa.langchain4j.routing;
