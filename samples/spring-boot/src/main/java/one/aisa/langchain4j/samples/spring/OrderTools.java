package one.aisa.langchain4j.samples.spring;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The assistant's tool: order status from an in-memory table, where a real shop would query its order service. */
@Component
public class OrderTools {

    /** The shop's orders, by id. */
    static final Map<String, String> ORDERS = Map.of(
            "A-1042", "shipped on 2026-11-20 with DHL, tracking JD014600003, arriving 2026-11-26",
            "B-2077", "paid, packing in the warehouse, ships within 2 days",
            "C-3150", "delivered on 2026-11-18, signed for by the customer");

    @Tool("Looks up the current status of a customer's order")
    public String orderStatus(@P("the order id, e.g. A-1042") String orderId) {
        String id = orderId.strip().toUpperCase(Locale.ROOT);
        String status = ORDERS.get(id);
        return status == null ? "No order " + id + " exists." : "Order " + id + ": " + status + ".";
    }
}
