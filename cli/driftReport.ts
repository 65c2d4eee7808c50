import { secretFields } from "../provider/core/fields";
import { factsOfType, ResourceFacts } from "../provider/core/resourceFacts";
import { DELETED_FIELD, LOG_PREFIX, parseDiffLine } from "../provider/core/logLines";
import { isSecretValue } from "../provider/core/secretValues";
import { textTable } from "./textTable";

/**
 * Drift, from the engine events of `pulumi preview --refresh`: which SIP resources (inbound
 * trunks, dispatch rules, outbound trunks) and which of their fields differ between the program
 * and the live server. Pure: events in, report out.
 *
 * Field names come from the provider's own comparison (its `differs` log line), so that order of
 * list items and defaults are judged as LiveKit judges them and secret fields are covered too;
 * values come from the events, where the engine has already masked secrets.
 */


/** One field of one resource that differs. */
export interface DriftRow {
  /** The Pulumi resource name. */
  resource: string;
  /** The SDK class: `InboundTrunk`, `DispatchRule` or `OutboundTrunk`. */
  type: string;
  /** LiveKit's ID (`ST_…`, `SDR_…`), empty when there is none. */
  id: string;
  /** A field, or `(resource)` when the whole resource is missing or undeclared. */
  field: string;
  declared: string;
  live: string;
}

/** What the drift command reports. */
export interface DriftReport {
  drifted: boolean;
  /** SIP resources in the program or the state. */
  resourcesChecked: number;
  resourcesDrifted: number;
  rows: DriftRow[];
  /** Why some resources could not be compared (then the check fails: exit 1). */
  problems?: string[];
}

/** The part of an engine event this module reads. */
export interface EngineEventLike {
  resourcePreEvent?: { metadata: StepMetadata };
  diagnosticEvent?: { message?: string };
}

interface StepMetadata {
  op: string;
  urn: string;
  type: string;
  old?: { id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> } | null;
  new?: { id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> } | null;
}

/** The field of a row for a resource the engine would change without the provider naming why. */
export const UNKNOWN_FIELDS = "(fields unknown)";
/** The field of a row about a whole resource. */
export const WHOLE_RESOURCE = "(resource)";

/** A value for the report; the resource's secret fields are shown as `(secret)` even when an event or the state carries them in plain text. */
export function reportValue(resource: ResourceFacts, field: string, value: unknown): string {
  if (secretFields(resource.table).includes(field)) return value === undefined ? "(unset)" : "(secret)";
  if (value === undefined || value === null) return "(unset)";
  if (isSecretValue(value)) return "(secret)";
  return JSON.stringify(value);
}

/** The Pulumi resource name: the last part of its URN. */
export function resourceName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

/** Builds the report from the events of one `pulumi preview --refresh`. */
export function driftFromEvents(events: readonly EngineEventLike[]): DriftReport {
  const differing = new Map<string, string[]>();
  for (const event of events) {
    for (const line of (event.diagnosticEvent?.message ?? "").split("\n")) {
      const parsed = line.includes(LOG_PREFIX) ? parseDiffLine(line) : undefined;
      if (parsed) differing.set(parsed.id, parsed.fields);
    }
  }

  /** URN → ID, for resources that were in the state before the refresh. */
  const refreshed = new Map<string, string>();
  const checked = new Set<string>();
  const rows: DriftRow[] = [];
  for (const event of events) {
    const step = event.resourcePreEvent?.metadata;
    const sip = step && factsOfType(step.type);
    if (!step || !sip) continue;
    checked.add(step.urn);
    const row = { resource: resourceName(step.urn), type: sip.typeName, id: String(step.old?.id ?? step.old?.outputs?.[sip.idOutput] ?? "") };
    switch (step.op) {
      case "refresh":
        refreshed.set(step.urn, row.id);
        break;
      case "update":
      case "replace":
      case "create-replacement": {
        const declared = step.new?.inputs ?? {};
        const live = step.old?.outputs ?? {};
        const fields = differing.get(row.id) ?? [];
        if (fields.includes(DELETED_FIELD)) {
          rows.push({ ...row, field: WHOLE_RESOURCE, declared: "declared", live: "missing: deleted outside Pulumi" });
          break;
        }
        for (const field of fields) {
          rows.push({ ...row, field, declared: reportValue(sip, field, declared[field]), live: reportValue(sip, field, live[field]) });
        }
        // Fail closed: the engine plans a change, so the resource has drifted even where the
        // provider's line naming the fields is missing (an older provider, a lost log line).
        if (fields.length === 0) rows.push({ ...row, field: UNKNOWN_FIELDS, declared: "differs", live: "differs" });
        break;
      }
      case "create":
        rows.push({
          ...row,
          id: refreshed.get(step.urn) ?? "",
          field: WHOLE_RESOURCE,
          declared: "declared",
          live: refreshed.has(step.urn) ? "missing: deleted outside Pulumi" : "missing: not created yet",
        });
        break;
      case "delete":
        rows.push({ ...row, field: WHOLE_RESOURCE, declared: "not declared", live: "exists" });
        break;
    }
  }
  const resourcesDrifted = new Set(rows.map((r) => r.resource)).size;
  return { drifted: rows.length > 0, resourcesChecked: checked.size, resourcesDrifted, rows };
}

function columns(rows: DriftRow[]): string[][] {
  return [["RESOURCE", "TYPE", "ID", "FIELD", "DECLARED", "LIVE"], ...rows.map((r) => [r.resource, r.type, r.id || "-", r.field, r.declared, r.live])];
}

/** What the live records were compared with: the program (`--preview`) or what the last `pulumi up` recorded. */
export type DriftBasis = "the program" | "the last pulumi up";

/** The report's first sentence. */
function headline(report: DriftReport, basis: DriftBasis): string {
  const unchecked = report.problems?.length ? ` Not compared: ${report.problems.join("; ")}.` : "";
  if (!report.drifted) return `${report.resourcesChecked} SIP resource(s) match ${basis}.${unchecked}`;
  return `${report.resourcesDrifted} of ${report.resourcesChecked} SIP resource(s) differ from ${basis}.${unchecked}`;
}

/** The human table printed to the terminal. */
export function renderTable(report: DriftReport, stack: string, basis: DriftBasis = "the program"): string {
  const lines = report.rows.length > 0 ? `\n${textTable(columns(report.rows)).join("\n")}\n` : "";
  return `${report.drifted ? "Drift" : "No drift"} in stack ${stack}: ${headline(report, basis)}\n${lines}`;
}

/** A Markdown summary for a CI job page. */
export function renderMarkdown(report: DriftReport, stack: string, basis: DriftBasis = "the program"): string {
  if (report.rows.length === 0) return `### LiveKit SIP: no drift\n\nStack \`${stack}\`: ${headline(report, basis)}\n`;
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  const [header, ...body] = columns(report.rows);
  return [
    `### LiveKit SIP: ${report.drifted ? "drift" : "not compared"} in \`${stack}\``,
    "",
    `${headline(report, basis)} Run \`pulumi up --refresh\` to converge them, or change the program to match.`,
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...body.map((row) => `| ${row.map(escape).join(" | ")} |`),
    "",
  ].join("\n");
}
