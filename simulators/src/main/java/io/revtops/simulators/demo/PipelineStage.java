package io.revtops.simulators.demo;

/** A stage of the sales pipeline; {@code id} is HubSpot's internal stage id for the default pipeline. */
public record PipelineStage(String id, String label, int displayOrder, double probability, boolean closed, boolean won) {
}
