package one.aisa.langchain4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a fresh {@link AisaSimulator}: started on a free loopback port before the tests,
 * injected into test-method and constructor parameters of type {@code AisaSimulator}, with faults, scripts and
 * recorded requests reset after each test, and stopped after the class.
 *
 * <pre>{@code
 * @AisaSimulatorTest
 * class MyAgentTest {
 *     @Test
 *     void answers(AisaSimulator simulator) {
 *         ChatModel model = simulator.chatModel("gpt-4o-mini");
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AisaSimulatorExtension.class)
public @interface AisaSimulatorTest {}
