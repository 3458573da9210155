/**
 * JMH benchmarks of a synchronous chat call through AisaChatModel, LangChain4j's OpenAiChatModel and raw
 * {@code java.net.http}, and of a response-cache hit against a miss and against a bare Caffeine lookup, all against
 * one loopback server; run {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package one.aisa.langchain4j.benchmarks;
