/**
 * A Spring Boot support desk on AIsa: an {@code @AiService} assistant with an order-status tool, answered through the
 * fallback chain in {@code application.yml}, offline on the simulator when no key is set. A sample: nothing here is
 * library API.
 */
package one.aisa.langchain4j.samples.spring;
