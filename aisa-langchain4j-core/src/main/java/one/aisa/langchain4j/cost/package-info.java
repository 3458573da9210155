/**
 * Cost accounting: the per-model cost tracker (a LangChain4j listener) and its reports. Reads what the models
 * report; never calls a model itself.
 */
package one.aisa.langchain4j.cost;
