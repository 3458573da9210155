/**
 * The Spring Boot application whose start-up {@code StartupHarness} times, one fresh JVM per sample. Nothing else
 * belongs here: the application scans this package, for components and for {@code @AiService} interfaces.
 */
package one.aisa.langchain4j.benchmarks.harness.startup;
