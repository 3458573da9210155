package one.aisa.langchain4j.routing;

/**
 * A model's circuit as health checks see it.
 *
 * @param model the route's label
 * @param state {@code CLOSED} (healthy), {@code OPEN} (skipped), {@code HALF_OPEN} (being probed), or
 *     {@code DISABLED} when breakers are off
 * @param failureRate percentage of failed calls in the current window, or {@code null} until the breaker has seen
 *     enough calls to compute one (or when breakers are off)
 * @param calls calls counted in the current window
 */
public record RouteHealth(String model, String state, Float failureRate, int calls) {

    public boolean available() {
        return !state.equals("OPEN") && !state.equals("FORCED_OPEN");
    }
}
