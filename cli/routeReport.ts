import type { CallDecision, RoutingConfig } from "../provider/core/routing";
import type { NumberRoutes, SampleCall } from "../provider/core/routingCalls";
import type { RoutingFinding } from "../provider/core/routingFindings";
import { findingText, RecordLabels, roomName } from "../provider/core/routingWords";

/*
 * What `livekit-sip-route` prints: the routing table (one row per kind of call to each number)
 * and the findings, as plain text for a terminal and as Markdown for CI summaries. Pure.
 */

/** One row of the routing table, in words. */
export interface TableRow {
  called: string;
  caller: string;
  source: string;
  pin: string;
  trunk: string;
  rule: string;
  result: string;
}

function trunkCell(decision: CallDecision, labels: RecordLabels): string {
  if (decision.outcome === "refused") return decision.trunks.map(labels.trunk).join(" + ") || "-";
  if (!decision.trunk) {
    const filters = [...new Set(decision.turnedAway.map((t) => (t.by === "caller" ? "allowedNumbers" : "allowedAddresses")))];
    return filters.length > 0 ? `none (turned away: ${filters.join(", ")})` : "none";
  }
  return `${labels.trunk(decision.trunk.trunk)}${decision.trunk.challenge ? ", credentials" : ""}`;
}

function resultCell(decision: CallDecision): string {
  switch (decision.outcome) {
    case "refused":
      return { severalTrunks: "REFUSED: several trunks match", severalAnyNumberTrunks: "REFUSED: several any-number trunks match", ruleConflict: "REFUSED: rules keyed alike", invalidRule: "REFUSED: rule without a variant", invalidSourceIp: "REFUSED: bad source address" }[decision.reason];
    case "dropped":
      return decision.trunk ? "DROPPED unanswered: no rule" : "dropped: no trunk or rule takes it";
    case "pinRequested":
      return "asks for a PIN";
    case "accepted":
      return `room ${roomName(decision.room)}`;
  }
}

/** Whether a group says nothing: calls to a number no record names that no trunk or rule takes. */
function uneventful(routes: NumberRoutes): boolean {
  return routes.called === undefined && routes.calls.every((c) => c.decision.outcome === "dropped" && !c.decision.trunk);
}

/** The table's rows. Sources appear only where a trunk on the number restricts them. */
export function tableRows(routes: readonly NumberRoutes[], labels: RecordLabels): TableRow[] {
  const rows: TableRow[] = [];
  const byNumber = (a: NumberRoutes, b: NumberRoutes) => (a.called === undefined ? 1 : b.called === undefined ? -1 : a.called.localeCompare(b.called));
  for (const group of [...routes].sort(byNumber)) {
    if (uneventful(group)) continue;
    const restricted = group.calls.some((c) => c.source !== undefined);
    for (const sample of group.calls) rows.push(rowOf(group, sample, restricted, labels));
  }
  return rows;
}

function rowOf(group: NumberRoutes, sample: SampleCall, restricted: boolean, labels: RecordLabels): TableRow {
  const { decision, call } = sample;
  // A room named after a caller or number the table does not name shows where that goes.
  const placeholders = (text: string) => {
    let shown = text;
    if (sample.caller === undefined) shown = shown.split(call.from).join("<caller>");
    if (group.called === undefined) shown = shown.split(call.to).join("<number>");
    return shown;
  };
  const rule = decision.outcome === "accepted" || decision.outcome === "pinRequested" ? labels.rule(decision.rule) : decision.outcome === "refused" && decision.rules.length ? decision.rules.map(labels.rule).join(" + ") : "-";
  return {
    called: group.called ?? "any other number",
    caller: sample.caller ?? "any other caller",
    source: restricted ? (sample.source ?? "any other address") : "any",
    pin: sample.call.pin ?? "-",
    trunk: trunkCell(decision, labels),
    rule,
    result: placeholders(resultCell(decision)),
  };
}

const COLUMNS: [keyof TableRow, string][] = [
  ["called", "Called"],
  ["caller", "Caller"],
  ["source", "From"],
  ["pin", "PIN"],
  ["trunk", "Trunk"],
  ["rule", "Rule"],
  ["result", "Result"],
];

/** The table for a terminal: aligned columns. */
export function renderTableText(rows: readonly TableRow[]): string {
  if (rows.length === 0) return "No inbound trunk or dispatch rule takes any call.\n";
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...rows.map((r) => r[key].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
  return [line(COLUMNS.map(([, title]) => title)), ...rows.map((r) => line(COLUMNS.map(([key]) => r[key])))].join("\n") + "\n";
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** The table in Markdown. */
export function renderTableMarkdown(rows: readonly TableRow[]): string {
  if (rows.length === 0) return "No inbound trunk or dispatch rule takes any call.\n";
  return [
    `| ${COLUMNS.map(([, title]) => title).join(" | ")} |`,
    `| ${COLUMNS.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${COLUMNS.map(([key]) => cell(r[key])).join(" | ")} |`),
  ].join("\n") + "\n";
}

/** The findings for a terminal, numbered, mandatory ones first. */
export function renderFindingsText(findings: readonly RoutingFinding[], labels: RecordLabels): string {
  if (findings.length === 0) return "No routing problems: every call a trunk answers reaches a rule, and no call is refused.\n";
  return findings.map((f, i) => `${i + 1}. [${f.level}] ${findingText(f, labels)}`).join("\n") + "\n";
}

/** The findings in Markdown. */
export function renderFindingsMarkdown(findings: readonly RoutingFinding[], labels: RecordLabels): string {
  if (findings.length === 0) return "No routing problems.\n";
  return findings.map((f) => `- **${f.level}**: ${cell(findingText(f, labels))}`).join("\n") + "\n";
}

/** A summary line: how many records were routed. */
export function countsLine(config: RoutingConfig): string {
  return `${config.trunks.length} inbound trunk${config.trunks.length === 1 ? "" : "s"}, ${config.rules.length} dispatch rule${config.rules.length === 1 ? "" : "s"}`;
}
