#!/usr/bin/env node
import { parseArgs } from "node:util";
import { InboundCall, routeCall, routingConfig } from "../provider/core/routing";
import { exploreCalls, unlistedAddress } from "../provider/core/routingCalls";
import { routingFindings, RoutingFinding } from "../provider/core/routingFindings";
import { decisionText, findingText } from "../provider/core/routingWords";
import { countsLine, renderFindingsMarkdown, renderFindingsText, renderTableMarkdown, renderTableText, tableRows } from "./routeReport";
import { liveServerRecords, ServerRecords, stateRecords } from "./routeSources";
import { exportStack, pulumiCommand } from "./stackState";
import { failureText, STACK_REPORT_OPTIONS, stackReportOptions, StackReportOptions, writeReports } from "./stackReports";

/**
 * livekit-sip-route: what LiveKit does with a phone call, from the stack's records.
 *
 * Reads the stack's state (`pulumi stack export`; no program runs) or, with `--live`, every
 * inbound trunk and dispatch rule the stack's server holds now, and answers with the routing
 * model (provider/core/routing.ts, checked call by call against livekit-server itself):
 *
 *   livekit-sip-route --from +13105550100 --to +15105550100 [--ip 203.0.113.7] [--host carrier.example] [--pin 1234]
 *   livekit-sip-route --table     which callers reach which trunk, rule and room, for every number
 *   livekit-sip-route --check     the findings; exit 2 when any, 0 when none
 *
 * Common: [--stack NAME] [--cwd DIR] [--live] [--json FILE] [--markdown FILE]. Exit 1 when it
 * cannot run (then the JSON and Markdown say why). The Markdown is also appended to
 * $GITHUB_STEP_SUMMARY when that is set.
 */

export const EXIT = { ok: 0, error: 1, findings: 2 } as const;

const USAGE = [
  "usage: livekit-sip-route --from NUMBER --to NUMBER [--ip ADDRESS] [--host HOST] [--pin PIN]",
  "       livekit-sip-route --table",
  "       livekit-sip-route --check",
  "options: [--stack NAME] [--cwd DIR] [--live] [--json FILE] [--markdown FILE]",
].join("\n");

interface Options extends StackReportOptions {
  live: boolean;
  mode: { kind: "call"; call: InboundCall } | { kind: "table" } | { kind: "check" };
}

function parse(argv: string[]): Options | string {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...STACK_REPORT_OPTIONS,
      live: { type: "boolean" },
      from: { type: "string" },
      to: { type: "string" },
      ip: { type: "string" },
      host: { type: "string" },
      pin: { type: "string" },
      table: { type: "boolean" },
      check: { type: "boolean" },
    },
  });
  if (values.help) return USAGE;
  const modes = [values.from !== undefined || values.to !== undefined, values.table === true, values.check === true].filter(Boolean).length;
  if (modes !== 1) return `livekit-sip-route: say one of --from/--to, --table or --check\n${USAGE}`;
  let mode: Options["mode"];
  if (values.table) mode = { kind: "table" };
  else if (values.check) mode = { kind: "check" };
  else {
    if (!values.from || !values.to) return `livekit-sip-route: a call needs both --from (the caller) and --to (the called number)\n${USAGE}`;
    // Without --ip the call comes from an address no allowedAddresses lists (chosen per server below).
    const call: InboundCall = { from: values.from, to: values.to, sourceIp: values.ip ?? "", fromHost: values.host ?? "", ...(values.pin ? { pin: values.pin } : {}) };
    mode = { kind: "call", call };
  }
  return { ...stackReportOptions(values), live: values.live ?? false, mode };
}

async function loadRecords(options: Options): Promise<ServerRecords[]> {
  const { deployment } = await exportStack(pulumiCommand(options.stack, options.cwd), { showSecrets: options.live });
  const resources = deployment.resources ?? [];
  return options.live ? liveServerRecords(resources, process.env) : stateRecords(resources);
}

/** One server's part of the answer: text for the terminal, Markdown, JSON, and whether it found anything. */
function answer(options: Options, records: ServerRecords): { text: string; markdown: string; json: object; findings: number } {
  const config = routingConfig(records.trunks, records.rules);
  const { labels } = records;
  const heading = `${records.server}: ${countsLine(config)}${options.live ? " on the server now" : " as the last pulumi up applied them"}`;
  if (options.mode.kind === "call") {
    const call = { ...options.mode.call, sourceIp: options.mode.call.sourceIp || unlistedAddress(config.trunks) };
    const decision = routeCall(config, call);
    const text = decisionText(decision, call, labels) + (options.mode.call.sourceIp ? "" : ` (Asked as a call from ${call.sourceIp}, an address no allowedAddresses lists: pass --ip to ask about another.)`);
    return { text: `${text}\n`, markdown: `#### ${heading}\n\n${text}\n`, json: { server: records.server, outcome: decision.outcome, text }, findings: 0 };
  }
  const routes = exploreCalls(config);
  if (options.mode.kind === "table") {
    const rows = tableRows(routes, labels);
    return { text: `${heading}\n\n${renderTableText(rows)}`, markdown: `#### ${heading}\n\n${renderTableMarkdown(rows)}`, json: { server: records.server, rows }, findings: 0 };
  }
  const findings: RoutingFinding[] = routingFindings(config, routes);
  const json = {
    server: records.server,
    findings: findings.map((f) => ({ kind: f.kind, level: f.level, text: findingText(f, labels), trunkIds: f.trunks.map((t) => t.id), ruleIds: f.rules.map((r) => r.id), calls: f.calls })),
  };
  return { text: `${heading}\n\n${renderFindingsText(findings, labels)}`, markdown: `#### ${heading}\n\n${renderFindingsMarkdown(findings, labels)}`, json, findings: findings.length };
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (typeof options === "string") {
    const usageOnly = options === USAGE;
    (usageOnly ? process.stdout : process.stderr).write(`${options}\n`);
    return usageOnly ? EXIT.ok : EXIT.error;
  }
  const stackName = options.stack || "(selected)";
  let servers: ServerRecords[];
  try {
    servers = await loadRecords(options);
  } catch (error) {
    const cause = failureText(error);
    process.stderr.write(`livekit-sip-route: no routing for stack ${stackName}: ${cause}\n`);
    writeReports(options, { stack: stackName, error: cause }, `### LiveKit SIP routing failed\n\nStack \`${stackName}\`: ${cause}\n`);
    return EXIT.error;
  }
  if (servers.length === 0) servers = [{ server: "the stack's server", trunks: [], rules: [], labels: { trunk: (t) => t.id, rule: (r) => r.id } }];
  const answers = servers.map((records) => answer(options, records));
  process.stdout.write(answers.map((a) => a.text).join("\n"));
  const title = { call: "What happens to the call", table: "Routing table", check: "Routing check" }[options.mode.kind];
  writeReports(options, { stack: stackName, live: options.live, servers: answers.map((a) => a.json) }, `### LiveKit SIP: ${title} (stack \`${stackName}\`)\n\n${answers.map((a) => a.markdown).join("\n")}`);
  return answers.some((a) => a.findings > 0) ? EXIT.findings : EXIT.ok;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`livekit-sip-route: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(EXIT.error);
    },
  );
}
