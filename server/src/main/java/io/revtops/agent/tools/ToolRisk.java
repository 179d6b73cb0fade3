package io.revtops.agent.tools;

/** How much harm a tool can do, which decides approvals and where it may run (SPEC §4). */
public enum ToolRisk {
    /** Reads our own database only. */
    LOCAL_READ,
    /** Reads from an outside system (web search, enrichment, lookups). */
    EXTERNAL_READ,
    /** Changes our own data (memories, artifacts, workflows). */
    LOCAL_WRITE,
    /** Changes something outside (CRM writes, emails, Slack posts): never without approval. */
    EXTERNAL_WRITE
}
