/**
 * The exceptions the AIsa models throw, {@link one.aisa.langchain4j.exception.AisaError} and
 * {@link one.aisa.langchain4j.exception.AisaErrorDetails}: LangChain4j's exception types, subclassed where the gateway
 * adds meaning. A leaf: nothing here imports anything else of this library.
 */
package one.aisa.langchain4j.exception;
