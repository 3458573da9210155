package one.aisa.langchain4j.samples;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;

/**
 * The README's quick start, compiled so it cannot rot. Talks to the real gateway: it needs {@code AISA_API_KEY}. To
 * try the library without a key, run {@code aisa demo} (it answers from the built-in simulator), or aim a model at
 * the testkit's {@code AisaSimulator}.
 */
public final class QuickStart {

    interface Assistant {
        String chat(String message);
    }

    static class Calculator {
        @Tool("Adds two integers")
        int add(int a, int b) {
            return a + b;
        }
    }

    private QuickStart() {}

    public static void main(String[] args) {
        if (System.getenv("AISA_API_KEY") == null) {
            System.err.println("QuickStart talks to the real AIsa gateway: set AISA_API_KEY first.");
            System.exit(2);
        }
        ChatModel model = AisaChatModel.builder().modelName("gpt-4o-mini").build();
        ChatResponse response = model.chat(UserMessage.from("Capital of Germany?"));
        System.out.println(response.aiMessage().text());
        System.out.println("cost: " + ((AisaChatResponseMetadata) response.metadata()).cost() + " USD");

        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .tools(new Calculator())
                .build();
        System.out.println(assistant.chat("What is 2 + 3?"));
    }
}
