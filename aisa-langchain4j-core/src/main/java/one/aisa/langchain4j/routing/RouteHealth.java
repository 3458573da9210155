package one.aisa.langchain4j.routing;

/**
 * A model's circuit as health checks see it.
 *
 * @param model the route's label
 * @param state {@code CLOSED} (healthy), {@code OPEN} (skipped), {@code HALF_OPEN} (being probed), or
 *     {@code DISABLED} when breakers are off
 * @param failureRate percentage of failed calls in the current window, or -1 before enough calls were seen
 * @param calls calls counted in the current window
 */
public record RouteHealth(String model, String state, float failureRate, int calls) {

    public boolean available() {
        return !state.equals("OPEN") && !state.equals("FORCED_OPEN");
    }
}
