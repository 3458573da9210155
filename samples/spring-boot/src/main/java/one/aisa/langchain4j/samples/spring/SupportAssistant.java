package one.aisa.langchain4j.samples.spring;

import dev.langchain4j.service.Result;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.spring.AiService;

/**
 * The assistant, implemented by langchain4j-spring: it finds the one {@code ChatModel} bean (the AIsa router over
 * {@code aisa.chat.model} and {@code aisa.routing.fallbacks}) and every bean with {@code @Tool} methods
 * ({@link OrderTools}).
 */
@AiService
public interface SupportAssistant {

    /**
     * Answers a customer. {@link Result} rather than {@code String} gives the tool calls that ran and every model
     * response, whose AIsa metadata says which model answered and the route taken.
     */
    @SystemMessage("""
            You are the customer support assistant of an online shop.
            Look orders up with the orderStatus tool; never guess an order's status.
            Answer in at most two sentences.""")
    Result<String> chat(String customerMessage);
}
