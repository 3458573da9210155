/**
 * The offline AIsa simulator and its JUnit 5 extension, for tests that need no key and no network. Test support
 * only: nothing here belongs in production code paths.
 */
package one.aisa.langchain4j.testkit;
