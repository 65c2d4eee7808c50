import type { FieldValues } from "../provider/core/records";
import { factsOfType, ResourceFacts } from "../provider/core/resourceFacts";
import { fieldsDiffering, readResult } from "../provider/core/results";
import { DriftReport, DriftRow, reportValue, resourceName, WHOLE_RESOURCE } from "./driftReport";
import type { StateResource } from "./stackState";

/*
 * Drift from the state: what the last `pulumi up` recorded against what the server holds now,
 * compared as the provider's refresh and diff compare them (its `readResult`, then its
 * `fieldsDiffering`), so normalisation, defaults and the hidden-password rule are the
 * provider's own. No program runs, so pending edits of the program are not drift. Pure: the
 * recorded resources and what each server listed in, the report out.
 */

/** A SIP resource as the state records it (secrets decrypted), and the server it lives on. */
export interface RecordedSipResource {
  urn: string;
  facts: ResourceFacts;
  id: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  /** Which server it was created on: a key of the servers' views. */
  server: string;
}

/** What one server holds (its records of each listed type, by SDK class and ID), or why it was not compared. */
export type ServerView = { records: ReadonlyMap<string, ReadonlyMap<string, FieldValues>> } | { problem: string; url: string };

/** The field of a row about a resource whose server was not compared. */
export const SERVER_FIELD = "(server)";

/** The SIP resources the state records with an ID (pending creates have none yet). */
export function recordedSipResources(resources: readonly StateResource[], serverOf: (resource: StateResource) => string): RecordedSipResource[] {
  const recorded: RecordedSipResource[] = [];
  for (const resource of resources) {
    const facts = factsOfType(resource.type);
    if (!facts || !resource.custom || !resource.id) continue;
    recorded.push({ urn: resource.urn, facts, id: resource.id, inputs: resource.inputs ?? {}, outputs: resource.outputs ?? {}, server: serverOf(resource) });
  }
  return recorded;
}

/** The rows of one recorded resource against the server's record (undefined: not on the server). */
function rowsOf(resource: RecordedSipResource, live: FieldValues | undefined): DriftRow[] {
  const { facts, id } = resource;
  const row = { resource: resourceName(resource.urn), type: facts.typeName, id };
  if (!live) return [{ ...row, field: WHOLE_RESOURCE, declared: "recorded", live: "missing: deleted outside Pulumi" }];
  // What refresh would record, then what the next diff would find against the applied inputs.
  const refreshed = readResult(facts, id, resource.outputs, live).props ?? {};
  return fieldsDiffering(facts.table, refreshed, resource.inputs).map((field) => ({
    ...row,
    field,
    declared: reportValue(facts, field, resource.inputs[field]),
    live: reportValue(facts, field, refreshed[field]),
  }));
}

/**
 * The report for the recorded resources. With `unmanaged`, records on a compared server of a
 * type the state holds, but recorded for no resource, are listed too.
 */
export function driftFromState(recorded: readonly RecordedSipResource[], servers: ReadonlyMap<string, ServerView>, { unmanaged = false } = {}): DriftReport {
  const rows: DriftRow[] = [];
  const problems = new Set<string>();
  for (const resource of recorded) {
    const view = servers.get(resource.server);
    if (!view || "problem" in view) {
      const problem = view?.problem ?? "its server was not read";
      problems.add(problem);
      rows.push({ resource: resourceName(resource.urn), type: resource.facts.typeName, id: resource.id, field: SERVER_FIELD, declared: view?.url ?? "-", live: `not compared: ${problem}` });
      continue;
    }
    rows.push(...rowsOf(resource, view.records.get(resource.facts.typeName)?.get(resource.id)));
  }
  if (unmanaged) {
    for (const [server, view] of servers) {
      if ("problem" in view) continue;
      const known = new Set(recorded.filter((r) => r.server === server).map((r) => r.id));
      for (const [typeName, records] of view.records) {
        for (const [id, fields] of records) {
          if (known.has(id)) continue;
          const name = typeof fields.name === "string" && fields.name ? ` (name ${JSON.stringify(fields.name)})` : "";
          rows.push({ resource: "-", type: typeName, id, field: WHOLE_RESOURCE, declared: "not in the state", live: `exists${name}` });
        }
      }
    }
  }
  const drifted = rows.filter((r) => r.field !== SERVER_FIELD);
  return {
    drifted: drifted.length > 0,
    resourcesChecked: recorded.length,
    resourcesDrifted: new Set(drifted.filter((r) => r.resource !== "-").map((r) => r.resource)).size,
    rows,
    ...(problems.size > 0 ? { problems: [...problems] } : {}),
  };
}
