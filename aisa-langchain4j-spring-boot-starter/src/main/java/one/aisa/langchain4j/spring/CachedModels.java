package one.aisa.langchain4j.spring;

import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cache.CachingStreamingChatModel;

/** The model bean under its response cache, for what looks at the router inside (circuits, health). */
final class CachedModels {

    private CachedModels() {}

    static Object inside(Object bean) {
        if (bean instanceof CachingChatModel cached) {
            return cached.cachedModel();
        }
        return bean instanceof CachingStreamingChatModel cached ? cached.cachedModel() : bean;
    }
}
