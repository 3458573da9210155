/**
 * Spring Boot auto-configuration for AIsa: properties under {@code aisa.*}, one {@code ChatModel} bean and one
 * {@code StreamingChatModel} bean (routers when fallbacks are set). Model and routing logic live in the core module,
 * never here.
 */
package one.aisa.langchain4j.spring;
