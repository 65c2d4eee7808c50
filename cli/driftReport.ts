import { SECRET_FIELDS } from "../provider/fields";
import { INBOUND_TRUNK_TYPE } from "../provider/resourceType";
import { DELETED_FIELD, LOG_PREFIX, parseDiffLine } from "../provider/logLines";
import { isSecretValue } from "./stateValues";
import { textTable } from "./textTable";

/**
 * Drift, from the engine events of `pulumi preview --refresh`: which trunks and which of their
 * fields differ between the program and the live server. Pure: events in, report out.
 *
 * Field names come from the provider's own comparison (its `differs` log line), so that order of
 * list items and defaults are judged as LiveKit judges them and secret fields are covered too;
 * values come from the events, where the engine has already masked secrets.
 */


/** One field of one trunk that differs. */
export interface DriftRow {
  /** The Pulumi resource name. */
  resource: string;
  sipTrunkId: string;
  /** A trunk field, or `(trunk)` when the whole trunk is missing or undeclared. */
  field: string;
  declared: string;
  live: string;
}

/** What the drift command reports. */
export interface DriftReport {
  drifted: boolean;
  /** Trunks in the program or the state. */
  trunksChecked: number;
  trunksDrifted: number;
  rows: DriftRow[];
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

/** The field of a row for a trunk the engine would change without the provider naming why. */
export const UNKNOWN_FIELDS = "(fields unknown)";

/** Fields the SDK keeps secret: shown as `(secret)` even when an event carries them in plain text. */
const SECRET_FIELD_NAMES = new Set<string>(SECRET_FIELDS);

function render(field: string, value: unknown): string {
  if (SECRET_FIELD_NAMES.has(field)) return value === undefined ? "(unset)" : "(secret)";
  if (value === undefined || value === null) return "(unset)";
  if (isSecretValue(value)) return "(secret)";
  return JSON.stringify(value);
}

function resourceName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

/** Builds the report from the events of one `pulumi preview --refresh`. */
export function driftFromEvents(events: readonly EngineEventLike[]): DriftReport {
  const differing = new Map<string, string[]>();
  for (const event of events) {
    for (const line of (event.diagnosticEvent?.message ?? "").split("\n")) {
      const parsed = line.includes(LOG_PREFIX) ? parseDiffLine(line) : undefined;
      if (parsed) differing.set(parsed.sipTrunkId, parsed.fields);
    }
  }

  /** URN → trunk ID, for trunks that were in the state before the refresh. */
  const refreshed = new Map<string, string>();
  const trunks = new Set<string>();
  const rows: DriftRow[] = [];
  for (const event of events) {
    const step = event.resourcePreEvent?.metadata;
    if (!step || step.type !== INBOUND_TRUNK_TYPE) continue;
    trunks.add(step.urn);
    const resource = resourceName(step.urn);
    const sipTrunkId = String(step.old?.id ?? step.old?.outputs?.sipTrunkId ?? "");
    switch (step.op) {
      case "refresh":
        refreshed.set(step.urn, sipTrunkId);
        break;
      case "update":
      case "replace":
      case "create-replacement": {
        const declared = step.new?.inputs ?? {};
        const live = step.old?.outputs ?? {};
        const fields = differing.get(sipTrunkId) ?? [];
        if (fields.includes(DELETED_FIELD)) {
          rows.push({ resource, sipTrunkId, field: "(trunk)", declared: "declared", live: "missing: deleted outside Pulumi" });
          break;
        }
        for (const field of fields) {
          rows.push({ resource, sipTrunkId, field, declared: render(field, declared[field]), live: render(field, live[field]) });
        }
        // Fail closed: the engine plans a change, so the trunk has drifted even where the
        // provider's line naming the fields is missing (an older provider, a lost log line).
        if (fields.length === 0) rows.push({ resource, sipTrunkId, field: UNKNOWN_FIELDS, declared: "differs", live: "differs" });
        break;
      }
      case "create":
        rows.push({
          resource,
          sipTrunkId: refreshed.get(step.urn) ?? "",
          field: "(trunk)",
          declared: "declared",
          live: refreshed.has(step.urn) ? "missing: deleted outside Pulumi" : "missing: not created yet",
        });
        break;
      case "delete":
        rows.push({ resource, sipTrunkId, field: "(trunk)", declared: "not declared", live: "exists" });
        break;
    }
  }
  const trunksDrifted = new Set(rows.map((r) => r.resource)).size;
  return { drifted: rows.length > 0, trunksChecked: trunks.size, trunksDrifted, rows };
}

function columns(rows: DriftRow[]): string[][] {
  return [["TRUNK", "ID", "FIELD", "DECLARED", "LIVE"], ...rows.map((r) => [r.resource, r.sipTrunkId || "-", r.field, r.declared, r.live])];
}

/** The human table printed to the terminal. */
export function renderTable(report: DriftReport, stack: string): string {
  if (!report.drifted) return `No drift in stack ${stack}: ${report.trunksChecked} trunk(s) match the program.\n`;
  const lines = textTable(columns(report.rows));
  return `Drift in stack ${stack}: ${report.trunksDrifted} of ${report.trunksChecked} trunk(s) differ from the program.\n\n${lines.join("\n")}\n`;
}

/** A Markdown summary for a CI job page. */
export function renderMarkdown(report: DriftReport, stack: string): string {
  if (!report.drifted) return `### LiveKit SIP trunks: no drift\n\nStack \`${stack}\`: ${report.trunksChecked} trunk(s) match the program.\n`;
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  const [header, ...body] = columns(report.rows);
  return [
    `### LiveKit SIP trunks: drift in \`${stack}\``,
    "",
    `${report.trunksDrifted} of ${report.trunksChecked} trunk(s) differ from the program. Run \`pulumi up --refresh\` to converge them, or change the program to match.`,
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...body.map((row) => `| ${row.map(escape).join(" | ")} |`),
    "",
  ].join("\n");
}
