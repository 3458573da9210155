package one.aisa.langchain4j.spring.aiservice;

import dev.langchain4j.agent.tool.Tool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * A tool the {@link Assistant} gets by LangChain4j's automatic wiring, which finds {@code @Tool} methods on scanned
 * components (not on {@code @Bean} methods' results). Records each call so the test can count them.
 */
@Component
class WeatherTools {

    final List<String> cities = new CopyOnWriteArrayList<>();

    @Tool("The current weather in a city")
    String weather(String city) {
        cities.add(city);
        return "Sunny, 21 C in " + city;
    }
}
