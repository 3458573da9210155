package one.aisa.langchain4j.routing;

/** The kinds of task the task-aware strategy tells apart (the AIsa skill's MODEL_MAP, plus GENERAL). */
public enum TaskType {
    CODE,
    CREATIVE,
    FAST,
    VISION,
    CHINESE,
    REASONING,
    GENERAL
}
