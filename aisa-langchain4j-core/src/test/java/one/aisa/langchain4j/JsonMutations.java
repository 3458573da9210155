package one.aisa.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Every single-field mutation of a JSON document: each object field and each array element, at any depth, in turn
 * set to {@code null}, removed, given another JSON type, replaced by {@code []}, {@code [null]} or {@code {}}.
 * Mutations that leave the document as it was are skipped.
 */
public final class JsonMutations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One mutated copy of the document. */
    public record Mutation(String path, String kind, JsonNode document) {

        /** The names along the path, deepest first: {@code choices[0].message.content} gives content, message, ... */
        List<String> names() {
            List<String> names = new ArrayList<>();
            for (String part : path.split("\\.")) {
                names.add(0, part.replaceAll("\\[\\d+]", ""));
            }
            return names;
        }

        @Override
        public String toString() {
            return path + " " + kind;
        }
    }

    private JsonMutations() {}

    public static List<Mutation> of(JsonNode document) {
        List<Mutation> mutations = new ArrayList<>();
        walk(document, document, "", mutations);
        return mutations;
    }

    /** Visits each child of {@code node} (reached from the root by {@code path}) and mutates it in a fresh copy. */
    private static void walk(JsonNode root, JsonNode node, String path, List<Mutation> out) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String childPath = path.isEmpty() ? name : path + "." + name;
                mutate(root, childPath, node.get(name), out);
                walk(root, node.get(name), childPath, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String childPath = path + "[" + i + "]";
                mutate(root, childPath, node.get(i), out);
                walk(root, node.get(i), childPath, out);
            }
        }
    }

    private static void mutate(JsonNode root, String path, JsonNode original, List<Mutation> out) {
        add(out, root, path, "null", value -> NODES.nullNode(), original);
        add(out, root, path, "removed", value -> null, original);
        add(out, root, path, "wrong type", JsonMutations::otherType, original);
        add(out, root, path, "empty array", value -> NODES.arrayNode(), original);
        add(out, root, path, "array of null", value -> NODES.arrayNode().add(NODES.nullNode()), original);
        add(out, root, path, "empty object", value -> NODES.objectNode(), original);
    }

    private static void add(
            List<Mutation> out,
            JsonNode root,
            String path,
            String kind,
            Function<JsonNode, JsonNode> replacement,
            JsonNode original) {
        JsonNode replaced = replacement.apply(original);
        if (replaced != null && replaced.equals(original)) {
            return;
        }
        JsonNode copy = root.deepCopy();
        replaceAt(copy, path, replaced);
        out.add(new Mutation(path, kind, copy));
    }

    private static JsonNode otherType(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> NODES.numberNode(42);
            case NUMBER -> NODES.textNode("forty-two");
            case BOOLEAN -> NODES.textNode("yes");
            case OBJECT, ARRAY -> NODES.textNode("a string instead");
            default -> NODES.numberNode(42);
        };
    }

    /** Sets (or, for {@code null}, removes) the node at a path such as {@code choices[0].message.tool_calls[1]}. */
    private static void replaceAt(JsonNode root, String path, JsonNode replacement) {
        List<Object> steps = steps(path);
        JsonNode parent = root;
        for (Object step : steps.subList(0, steps.size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer index) {
            ArrayNode array = (ArrayNode) parent;
            if (replacement == null) {
                array.remove(index);
            } else {
                array.set(index, replacement);
            }
        } else {
            ObjectNode object = (ObjectNode) parent;
            if (replacement == null) {
                object.remove((String) last);
            } else {
                object.set((String) last, replacement);
            }
        }
    }

    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (!name.isEmpty()) {
                steps.add(name);
            }
            java.util.regex.Matcher indexes =
                    java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(part);
            while (indexes.find()) {
                steps.add(Integer.parseInt(indexes.group(1)));
            }
        }
        return steps;
    }
}
