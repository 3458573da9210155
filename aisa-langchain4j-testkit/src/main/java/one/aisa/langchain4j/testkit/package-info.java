/**
 * The offline AIsa simulator and its JUnit 5 extension, for tests that need no key and no network. Test support
 * only: nothing here belongs in production code paths. Inside, the layers run one way: {@code SimulatedGateway}
 * dispatches to the routes, the routes use faults, replies and prompts, and everything reads {@code GatewayState}.
 */
package one.aisa.langchain4j.testkit;
