#!/usr/bin/env node
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { SipApi } from "../provider/livekit/client";
import type { FieldValues } from "../provider/core/records";
import { DriftBasis, DriftReport, renderMarkdown, renderTable } from "./driftReport";
import { failureSummary } from "./failureSummary";
import { liveRecords } from "./liveRecords";
import { settingsFor, ServerSettings } from "./recordedSettings";
import { decrypted, Deployment, exportStack, providerOf, pulumiCommand, StateResource } from "./stackState";
import { driftFromState, RecordedSipResource, recordedSipResources, ServerView } from "./stateDrift";

/**
 * livekit-sip-drift: does the live LiveKit server still hold what the last `pulumi up` applied?
 *
 * Reads the stack's state (`pulumi stack export --show-secrets`: secrets stay in this process's
 * memory), lists each SIP resource type it records once from each server, and compares every
 * recorded inbound trunk, outbound trunk and dispatch rule with its live record field by field,
 * as the provider compares them. No program runs: no language host, no provider plugin, no other
 * provider's credentials, and program edits not yet applied are not drift. The server and key
 * are those the stack recorded, `LIVEKIT_URL` / `LIVEKIT_API_KEY` / `LIVEKIT_API_SECRET`
 * overriding them.
 *
 *   livekit-sip-drift [--stack prod] [--cwd infra] [--json drift.json] [--markdown drift.md] [--unmanaged] [--preview]
 *
 * `--unmanaged` also lists records of those types that no resource of the stack records;
 * `--preview` compares with the program instead (`pulumi preview --refresh`, the old way).
 * Exit codes: 0 no drift, 2 drift, 1 the check itself failed (then the JSON and Markdown say
 * why). The Markdown summary is also appended to $GITHUB_STEP_SUMMARY when that is set.
 */

/** Exit codes, for CI scripts. */
export const EXIT = { noDrift: 0, error: 1, drift: 2 } as const;

const USAGE = "usage: livekit-sip-drift [--stack NAME] [--cwd DIR] [--json FILE] [--markdown FILE] [--unmanaged] [--preview]";

interface Options {
  /** Empty: the stack selected in the project. */
  stack: string;
  cwd: string;
  json?: string;
  markdown?: string;
  unmanaged: boolean;
  preview: boolean;
}

function parse(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string", short: "s" },
      cwd: { type: "string", short: "C" },
      json: { type: "string" },
      markdown: { type: "string" },
      unmanaged: { type: "boolean" },
      preview: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return undefined;
  return {
    stack: values.stack ?? process.env.PULUMI_STACK ?? "",
    cwd: path.resolve(values.cwd ?? "."),
    json: values.json,
    markdown: values.markdown,
    unmanaged: values.unmanaged ?? false,
    preview: values.preview ?? false,
  };
}

/** The stack's name, from the URN of its root resource (an export of the selected stack does not say it otherwise). */
function stackNameOf(deployment: Deployment): string | undefined {
  const root = deployment.resources?.find((r) => r.type === "pulumi:pulumi:Stack");
  return root?.urn.split("::")[0].replace(/^urn:pulumi:/, "");
}

/** Lists, from each server once, every type its recorded resources have. */
async function viewServers(recorded: readonly RecordedSipResource[], settings: ReadonlyMap<string, ServerSettings>): Promise<Map<string, ServerView>> {
  const views = new Map<string, ServerView>();
  await Promise.all(
    [...settings].map(async ([key, server]) => {
      if ("problem" in server) {
        views.set(key, { problem: server.problem, url: server.url });
        return;
      }
      const api = new SipApi(server.credentials);
      const types = [...new Set(recorded.filter((r) => r.server === key).map((r) => r.facts))];
      const records = new Map<string, Map<string, FieldValues>>();
      await Promise.all(types.map(async (facts) => records.set(facts.typeName, new Map((await liveRecords(api, facts)).map((r) => [r.id, r.fields])))));
      views.set(key, { records });
    }),
  );
  return views;
}

/** The report against what the last `pulumi up` recorded. */
async function stateDrift(options: Options): Promise<{ stack: string; report: DriftReport }> {
  const exported = await exportStack(pulumiCommand(options.stack, options.cwd), { showSecrets: true });
  const resources = (decrypted(exported.deployment.resources ?? []) as StateResource[]) ?? [];
  const settings = new Map<string, ServerSettings>();
  const recorded = recordedSipResources(resources, (resource) => {
    const server = settingsFor(providerOf(resources, resource), process.env);
    settings.set(server.key, server);
    return server.key;
  });
  const report = driftFromState(recorded, await viewServers(recorded, settings), { unmanaged: options.unmanaged });
  return { stack: options.stack || stackNameOf(exported.deployment) || "(selected)", report };
}

/** The report against the program, by a refreshing preview (loaded only for this mode). */
async function programDrift(options: Options): Promise<{ stack: string; report: DriftReport }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand: see previewDrift.ts
  const { previewDrift, selectedStack } = require("./previewDrift") as typeof import("./previewDrift");
  const stack = await selectedStack(options.cwd, options.stack);
  return { stack, report: await previewDrift(options.cwd, stack) };
}

/** Writes the JSON and Markdown files asked for, and the CI job summary. */
function writeOutputs(options: Options, json: object, markdown: string): void {
  if (options.json) fs.writeFileSync(options.json, JSON.stringify(json, null, 2) + "\n");
  if (options.markdown) fs.writeFileSync(options.markdown, markdown);
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
}

/** Why the check failed, in one paragraph: a `pulumi` command's own error lines, else the error's message. */
function failureText(error: unknown): string {
  const { stderr } = error as { stderr?: string };
  if (typeof stderr === "string" && stderr.trim()) return `pulumi stack export failed: ${failureSummary(stderr)}`;
  return error instanceof Error ? error.message : String(error);
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (!options) {
    console.log(USAGE);
    return EXIT.noDrift;
  }
  const basis: DriftBasis = options.preview ? "the program" : "the last pulumi up";
  let result: { stack: string; report: DriftReport };
  try {
    result = options.preview ? await programDrift(options) : await stateDrift(options);
  } catch (error) {
    const stack = options.stack || "(selected)";
    const cause = failureText(error);
    process.stderr.write(`livekit-sip-drift: no drift report for stack ${stack}: ${cause}\n`);
    writeOutputs(options, { stack, error: cause }, `### LiveKit SIP: drift check failed\n\nStack \`${stack}\`: ${cause}\n`);
    return EXIT.error;
  }
  const { stack, report } = result;
  process.stdout.write(renderTable(report, stack, basis));
  writeOutputs(options, { stack, ...report }, renderMarkdown(report, stack, basis));
  if (report.problems?.length) return EXIT.error;
  return report.drifted ? EXIT.drift : EXIT.noDrift;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`livekit-sip-drift: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(EXIT.error);
    },
  );
}
