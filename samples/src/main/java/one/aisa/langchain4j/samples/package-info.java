/**
 * Runnable examples of the AIsa models; today only the README's quick start, against the real gateway.
 */
package one.aisa.langchain4j.samples;
