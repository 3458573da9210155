package one.aisa.langchain4j.benchmarks;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests the benchmarks send: a one-line question, a question with two tools declared, and a whole
 * conversation (system prompt, ten earlier turns, two tools), which is what a response cache's key grows with.
 */
final class ChatRequests {

    private static final String SYSTEM_PROMPT = "You are Atlas, the travel assistant of a European rail company."
            + " Answer in the customer's language, in at most four short paragraphs. Prefer trains to planes and"
            + " say so when a train is within an hour of the flight's door-to-door time. Never invent prices,"
            + " timetables or opening hours: when you do not know them, say where the customer can find them."
            + " Use the tools for the weather and the local time; do not guess either. Be friendly but brief, do"
            + " not repeat the question, and end with one concrete next step the customer can take. If a request"
            + " is about something other than travel, decline politely and offer to help with the trip instead.";

    /** Ten earlier turns of one trip: the customer's question and the assistant's answer. */
    private static final List<String> QUESTIONS = List.of(
            "Hi! I'm planning a week in France in May with my partner. Where should we start?",
            "We like food and museums more than beaches. Is Paris enough for the whole week?",
            "How do we get from Paris to Lyon, and how long does it take?",
            "What's the weather going to be like in Lyon?",
            "Which neighbourhood in Lyon is best for a first visit?",
            "Can we do a day trip to Annecy from Lyon without a car?",
            "Is it worth buying a rail pass, or should we book single tickets?",
            "We arrive at Charles de Gaulle at 7 in the morning. How do we get into the city?",
            "Are the museums in Paris open on Mondays?",
            "What's a good way to spend the last evening before our flight home?");

    private static final String ANSWER_TAIL = " Book early for the best fares, keep a little flexibility in the"
            + " plan for the weather, and check the operator's site the day before for any changes to the"
            + " timetable. Next step: tell me your travel dates and I will suggest the trains that fit them.";

    private ChatRequests() {}

    /** One user message, a one-line question. */
    static ChatRequest question() {
        return ChatRequest.builder()
                .messages(UserMessage.from("What is the capital of France? Answer in two sentences."))
                .build();
    }

    /** One user message, with {@link #tools()} declared. */
    static ChatRequest weatherAndTime() {
        return ChatRequest.builder()
                .messages(UserMessage.from("What is the weather and the local time in Paris?"))
                .toolSpecifications(tools())
                .build();
    }

    /**
     * A system prompt, ten earlier turns (the fourth answered through a {@code get_weather} call and its result),
     * the new question, and {@link #tools()} declared: 24 messages.
     */
    static ChatRequest conversation() {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(SYSTEM_PROMPT));
        for (int turn = 0; turn < QUESTIONS.size(); turn++) {
            messages.add(UserMessage.from(QUESTIONS.get(turn)));
            if (turn == 3) {
                ToolExecutionRequest call = ToolExecutionRequest.builder()
                        .id("call_Qz7LmP1xV9aB3cD5eF")
                        .name("get_weather")
                        .arguments("{\"city\":\"Lyon\",\"unit\":\"celsius\"}")
                        .build();
                messages.add(AiMessage.from(call));
                messages.add(ToolExecutionResultMessage.from(
                        call, "{\"city\":\"Lyon\",\"forecast\":\"sunny, light wind\",\"high\":24,\"low\":13}"));
            }
            messages.add(AiMessage.from("About your question \"" + QUESTIONS.get(turn) + "\": here is what I"
                    + " would do, turn " + (turn + 1) + " of our plan." + ANSWER_TAIL));
        }
        messages.add(UserMessage.from("Thanks! Can you sum up the whole plan day by day?"));
        return ChatRequest.builder()
                .messages(messages)
                .toolSpecifications(tools())
                .build();
    }

    /** {@code get_weather} (a city and a unit) and {@code get_local_time} (a city). */
    static List<ToolSpecification> tools() {
        ToolSpecification weather = ToolSpecification.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("city", "City name, e.g. Paris")
                        .addEnumProperty("unit", List.of("celsius", "fahrenheit"))
                        .required("city")
                        .build())
                .build();
        ToolSpecification time = ToolSpecification.builder()
                .name("get_local_time")
                .description("Local time in a city")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("city", "City name, e.g. Paris")
                        .required("city")
                        .build())
                .build();
        return List.of(weather, time);
    }
}
