/**
 * Plain {@code main} programs for what JMH does not measure well (streaming, outages, routing cost, start-up, the
 * response cache's memory, state shared through Redis), each printing Markdown table rows, and the loopback servers
 * they talk to. Run with
 * {@code java -cp benchmarks/target/benchmarks.jar one.aisa.langchain4j.benchmarks.harness.<Harness>}.
 */
package one.aisa.langchain4j.benchmarks.harness;
