/**
 * The model catalog: ids, capabilities, context windows and dated list prices. Pure data and look-ups; no HTTP
 * here (the refresh from {@code GET /v1/models} lives beside the models).
 */
package one.aisa.langchain4j.catalog;
