package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.SimulatorTestSupport.cityTool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.FinishReason;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the simulated model says: the default echo reply and the scripts. Uses the JUnit extension. */
@AisaSimulatorTest
class AisaSimulatorRepliesTest {

    private static final Pattern DIGEST = Pattern.compile("digest ([0-9a-f]{8})");

    private static String digestOf(String reply) {
        Matcher matcher = DIGEST.matcher(reply);
        assertThat(matcher.find()).as("a digest in <%s>", reply).isTrue();
        return matcher.group(1);
    }

    // ---- default reply ----

    @Test
    void default_reply_names_the_model_says_simulated_and_echoes_the_prompt_with_a_digest(AisaSimulator simulator) {
        String prompt = "What is the capital of France?";

        String reply = simulator.chatModel("gpt-4o-mini").chat(prompt);

        assertThat(reply)
                .contains("gpt-4o-mini")
                .containsIgnoringCase("simulated")
                .contains(prompt)
                .containsPattern(DIGEST);
    }

    @Test
    void default_reply_names_whichever_model_was_asked(AisaSimulator simulator) {
        String reply = simulator.chatModel("claude-sonnet-4-5").chat("Hi");

        assertThat(reply).contains("claude-sonnet-4-5").doesNotContain("gpt-4o-mini");
    }

    @Test
    void default_reply_is_deterministic_across_calls_and_clients(AisaSimulator simulator) {
        String prompt = "Tell me something deterministic.";
        ChatModel ours = simulator.chatModel("gpt-4o-mini");
        ChatModel openAi = OpenAiChatModel.builder()
                .baseUrl(simulator.baseUrl())
                .apiKey("x")
                .modelName("gpt-4o-mini")
                .build();

        String first = ours.chat(prompt);
        String second = ours.chat(prompt);
        String viaOpenAi = openAi.chat(prompt);

        assertThat(second).isEqualTo(first);
        assertThat(viaOpenAi).isEqualTo(first);
    }

    @Test
    void different_prompts_get_different_digests(AisaSimulator simulator) {
        ChatModel model = simulator.chatModel("gpt-4o-mini");

        String a = digestOf(model.chat("prompt A"));
        String b = digestOf(model.chat("prompt B"));

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void long_prompts_are_cut_in_the_echo_but_the_digest_covers_all_of_them(AisaSimulator simulator) {
        String head = "Please summarise the following very long document for me. ".repeat(5);
        String promptA = head + "It ends with the letter A.";
        String promptB = head + "It ends with the letter B.";
        ChatModel model = simulator.chatModel("gpt-4o-mini");

        String replyA = model.chat(promptA);
        String replyB = model.chat(promptB);

        assertThat(replyA)
                .contains(promptA.substring(0, 40))
                .doesNotContain(promptA)
                .doesNotContain("letter A")
                .contains("...");
        assertThat(replyA.length()).isLessThan(promptA.length());
        assertThat(digestOf(replyA)).isNotEqualTo(digestOf(replyB));
    }

    // ---- scripts ----

    @Test
    void when_prompt_is_a_case_insensitive_substring_as_the_readme_shows(AisaSimulator simulator) {
        simulator.whenPrompt("capital of Germany").reply("Berlin");
        simulator.whenPrompt("a.c (x)").reply("literal, not a regex");
        ChatModel model = simulator.chatModel("gpt-4o-mini");

        assertThat(model.chat("Capital of Germany?")).isEqualTo("Berlin");
        assertThat(model.chat("WHAT IS THE CAPITAL OF GERMANY")).isEqualTo("Berlin");
        assertThat(model.chat("say a.c (x) please")).isEqualTo("literal, not a regex");
        assertThat(model.chat("say abc x please")).contains("[simulated gpt-4o-mini]");
    }

    @Test
    void when_prompt_is_matches_the_whole_message_exactly(AisaSimulator simulator) {
        simulator.whenPromptIs("ping").reply("pong");
        ChatModel model = simulator.chatModel("gpt-4o-mini");

        assertThat(model.chat("ping")).isEqualTo("pong");
        assertThat(model.chat("Ping")).contains("[simulated gpt-4o-mini]");
        assertThat(model.chat("ping pong")).contains("[simulated gpt-4o-mini]");
    }

    @Test
    void when_prompt_matches_a_regex_the_script_replies(AisaSimulator simulator) {
        simulator.whenPromptMatches("(?i)capital of (france|italy)").reply("Paris or Rome");
        ChatModel model = simulator.chatModel("gpt-4o-mini");

        assertThat(model.chat("What is the CAPITAL OF ITALY?")).isEqualTo("Paris or Rome");
        assertThat(model.chat("What is the capital of Spain?")).contains("[simulated gpt-4o-mini]");
    }

    @Test
    void for_model_restricts_a_script_to_that_model(AisaSimulator simulator) {
        simulator.whenPrompt("hello").forModel("gpt-4o").reply("only for gpt-4o");

        assertThat(simulator.chatModel("gpt-4o").chat("hello there")).isEqualTo("only for gpt-4o");
        assertThat(simulator.chatModel("gpt-4o-mini").chat("hello there"))
                .isNotEqualTo("only for gpt-4o")
                .contains("[simulated gpt-4o-mini]");
    }

    @Test
    void when_model_answers_every_prompt_to_that_model_only(AisaSimulator simulator) {
        simulator.whenModel("claude-haiku-4-5").reply("haiku here");

        assertThat(simulator.chatModel("claude-haiku-4-5").chat("anything")).isEqualTo("haiku here");
        assertThat(simulator.chatModel("claude-haiku-4-5").chat("something else"))
                .isEqualTo("haiku here");
        assertThat(simulator.chatModel("claude-sonnet-4-5").chat("anything")).isNotEqualTo("haiku here");
    }

    @Test
    void the_newest_matching_script_wins(AisaSimulator simulator) {
        simulator.whenPrompt("weather").reply("old answer");
        simulator.whenPrompt("weather in Paris").reply("specific but older");
        simulator.whenPrompt("weather").reply("newest answer");

        assertThat(simulator.chatModel("gpt-4o-mini").chat("weather in Paris?")).isEqualTo("newest answer");
    }

    @Test
    void scripts_match_the_last_user_message(AisaSimulator simulator) {
        simulator.whenPrompt("second").reply("matched the last user message");

        ChatResponse response = simulator
                .chatModel("gpt-4o-mini")
                .chat(UserMessage.from("first question"), AiMessage.from("an answer"), UserMessage.from("second one"));

        assertThat(response.aiMessage().text()).isEqualTo("matched the last user message");
    }

    @Test
    void a_tool_script_asks_for_the_tool_when_tools_are_offered_and_the_user_spoke_last(AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTool("weather", "{\"city\":\"Paris\"}");
        ToolSpecification weather = cityTool("weather", "Current weather in a city");

        ChatResponse response = simulator
                .chatModel("gpt-4o-mini")
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("What is the weather in Paris?"))
                        .toolSpecifications(weather)
                        .build());

        assertThat(response.aiMessage().hasToolExecutionRequests()).isTrue();
        assertThat(response.aiMessage().toolExecutionRequests()).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo("weather");
            assertThat(call.arguments()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(call.id()).isNotBlank();
        });
        assertThat(response.aiMessage().text()).isNull();
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void a_tool_script_does_not_fire_when_no_tools_are_offered(AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTool("weather", "{\"city\":\"Paris\"}");

        ChatResponse response = simulator.chatModel("gpt-4o-mini").chat(UserMessage.from("Weather in Paris?"));

        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(response.aiMessage().text())
                .contains("[simulated gpt-4o-mini]")
                .contains("Weather in Paris?");
    }

    @Test
    void a_tool_script_without_tools_falls_through_to_an_older_text_script(AisaSimulator simulator) {
        simulator.whenPrompt("weather").reply("no tools, so text");
        simulator.whenPrompt("weather").callTool("weather", "{\"city\":\"Paris\"}");

        assertThat(simulator.chatModel("gpt-4o-mini").chat("Weather in Paris?")).isEqualTo("no tools, so text");
    }

    @Test
    void a_tool_script_does_not_fire_again_once_the_tool_result_is_the_last_message(AisaSimulator simulator) {
        simulator.whenPrompt("weather").callTool("weather", "{\"city\":\"Paris\"}");
        ToolExecutionRequest call = ToolExecutionRequest.builder()
                .id("call_1")
                .name("weather")
                .arguments("{\"city\":\"Paris\"}")
                .build();

        ChatResponse response = simulator
                .chatModel("gpt-4o-mini")
                .chat(ChatRequest.builder()
                        .messages(
                                UserMessage.from("What is the weather in Paris?"),
                                AiMessage.from(call),
                                ToolExecutionResultMessage.from(call, "18 C and sunny"))
                        .toolSpecifications(cityTool("weather", "Current weather in a city"))
                        .build());

        assertThat(response.aiMessage().hasToolExecutionRequests()).isFalse();
        assertThat(response.aiMessage().text())
                .contains("[simulated gpt-4o-mini]")
                .contains("tool answered")
                .contains("18 C and sunny");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void call_tools_asks_for_parallel_calls(AisaSimulator simulator) {
        simulator.whenPrompt("trip").callTools("weather", "{\"city\":\"Paris\"}", "local_time", "{\"city\":\"Tokyo\"}");

        ChatResponse response = simulator
                .chatModel("gpt-4o-mini")
                .chat(ChatRequest.builder()
                        .messages(UserMessage.from("Plan my trip"))
                        .toolSpecifications(
                                cityTool("weather", "Current weather"), cityTool("local_time", "Local time"))
                        .build());

        assertThat(response.aiMessage().toolExecutionRequests())
                .extracting(ToolExecutionRequest::name, ToolExecutionRequest::arguments)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("weather", "{\"city\":\"Paris\"}"),
                        org.assertj.core.groups.Tuple.tuple("local_time", "{\"city\":\"Tokyo\"}"));
        assertThat(response.aiMessage().toolExecutionRequests())
                .extracting(ToolExecutionRequest::id)
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotBlank());
    }
}
