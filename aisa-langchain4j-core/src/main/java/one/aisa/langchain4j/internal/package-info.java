/**
 * Not API: HTTP transport, error mapping, response inspection and retries behind the AIsa models. Classes are
 * package-private where Java allows it; the few that the models and routers need are public and marked
 * {@link dev.langchain4j.Internal}. May change in any release; no other module (and no user) imports from here.
 */
package one.aisa.langchain4j.internal;
