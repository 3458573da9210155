package one.aisa.langchain4j.spring.aiservice;

import dev.langchain4j.service.spring.AiService;

/** Wired by langchain4j-spring in AUTOMATIC mode: it finds the one ChatModel bean, {@code aisaChatModel}. */
@AiService
interface Assistant {

    String chat(String message);
}
