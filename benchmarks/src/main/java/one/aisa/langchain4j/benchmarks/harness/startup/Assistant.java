package one.aisa.langchain4j.benchmarks.harness.startup;

import dev.langchain4j.service.spring.AiService;

/** Wired by LangChain4j's starter, when its auto-configuration is not excluded, to the one ChatModel bean. */
@AiService
public interface Assistant {

    String chat(String message);
}
