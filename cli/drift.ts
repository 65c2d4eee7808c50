#!/usr/bin/env node
import { parseArgs } from "node:util";
import { DriftBasis, DriftReport, renderMarkdown, renderTable } from "./driftReport";
import { failureText, STACK_REPORT_OPTIONS, stackReportOptions, StackReportOptions, writeReports } from "./stackReports";
import { secretsToDecrypt } from "./secretsRead";
import { Deployment, exportStackRevealed, pulumiCommand } from "./stackState";
import type { BackendDrift } from "./backendDrift";

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
 *   livekit-sip-drift --all [--json drift.json] [--markdown drift.md] [--unmanaged]
 *
 * `--all` checks every stack of the backend (`PULUMI_BACKEND_URL` or `pulumi login`) in one run
 * and one report, each server listed once per type for all of them;
 * `--unmanaged` also lists records of those types that no resource of the stack (with `--all`,
 * of any stack) records;
 * `--preview` compares with the program instead (`pulumi preview --refresh`, the old way).
 * Exit codes: 0 no drift, 2 drift, 1 the check itself failed (then the JSON and Markdown say
 * why). The Markdown summary is also appended to $GITHUB_STEP_SUMMARY when that is set.
 */

/** Exit codes, for CI scripts. */
export const EXIT = { noDrift: 0, error: 1, drift: 2 } as const;

const USAGE = "usage: livekit-sip-drift [--stack NAME | --all] [--cwd DIR] [--json FILE] [--markdown FILE] [--unmanaged] [--preview]";

interface Options extends StackReportOptions {
  unmanaged: boolean;
  preview: boolean;
  all: boolean;
  /** `--stack` was given (PULUMI_STACK alone does not count against `--all`). */
  stackGiven: boolean;
}

function parse(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: { ...STACK_REPORT_OPTIONS, unmanaged: { type: "boolean" }, preview: { type: "boolean" }, all: { type: "boolean" } },
  });
  if (values.help) return undefined;
  return {
    ...stackReportOptions(values),
    unmanaged: values.unmanaged ?? false,
    preview: values.preview ?? false,
    all: values.all ?? false,
    stackGiven: values.stack !== undefined,
  };
}

/** The stack's name, from the URN of its root resource (an export of the selected stack does not say it otherwise). */
function stackNameOf(deployment: Deployment): string | undefined {
  const root = deployment.resources?.find((r) => r.type === "pulumi:pulumi:Stack");
  return root?.urn.split("::")[0].replace(/^urn:pulumi:/, "");
}

/** The report against what the last `pulumi up` recorded. */
async function stateDrift(options: Options): Promise<{ stack: string; report: DriftReport }> {
  // Started first: the comparison's modules load while the CLI reads and decrypts the state.
  const exported = exportStackRevealed(pulumiCommand(options.stack, options.cwd), secretsToDecrypt(process.env));
  exported.catch(() => undefined); // awaited below; a failure must not be reported as unhandled while modules load
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand: see liveComparison.ts
  const { compareWithServers } = require("./liveComparison") as typeof import("./liveComparison");
  const { deployment } = await exported;
  const report = await compareWithServers(deployment.resources ?? [], process.env, { unmanaged: options.unmanaged });
  return { stack: options.stack || stackNameOf(deployment) || "(selected)", report };
}

/** The report against the program, by a refreshing preview (loaded only for this mode). */
async function programDrift(options: Options): Promise<{ stack: string; report: DriftReport }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand: see previewDrift.ts
  const { previewDrift, selectedStack } = require("./previewDrift") as typeof import("./previewDrift");
  const stack = await selectedStack(options.cwd, options.stack);
  return { stack, report: await previewDrift(options.cwd, stack) };
}

/** `--all`: every stack of the backend, one section each; exit 1 if any was not read or compared, else 2 if any drifted. */
async function allStacks(options: Options): Promise<number> {
  let drift: BackendDrift;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for this mode
    drift = await (require("./backendDrift") as typeof import("./backendDrift")).backendDrift(options.cwd, process.env, { unmanaged: options.unmanaged });
  } catch (error) {
    const cause = failureText(error);
    process.stderr.write(`livekit-sip-drift: no drift report for the backend's stacks: ${cause}\n`);
    writeReports(options, { error: cause }, `### LiveKit SIP: drift check failed\n\nThe backend's stacks: ${cause}\n`);
    return EXIT.error;
  }
  const basis: DriftBasis = "the last pulumi up";
  const sections = [...drift.stacks, ...(drift.unmanaged ? [{ stack: "(records no stack holds)", report: drift.unmanaged }] : [])];
  process.stdout.write(sections.map(({ stack, report }) => renderTable(report, stack, basis)).join("\n"));
  writeReports(options, { stacks: drift.stacks.map(({ stack, report }) => ({ stack, ...report })), ...(drift.unmanaged ? { unmanaged: drift.unmanaged } : {}) }, sections.map(({ stack, report }) => renderMarkdown(report, stack, basis)).join("\n"));
  if (sections.some(({ report }) => report.problems?.length)) return EXIT.error;
  return sections.some(({ report }) => report.drifted) ? EXIT.drift : EXIT.noDrift;
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (!options) {
    console.log(USAGE);
    return EXIT.noDrift;
  }
  if (options.all && (options.preview || options.stackGiven)) {
    process.stderr.write(`livekit-sip-drift: --all checks every stack from its state; it takes neither --stack nor --preview\n${USAGE}\n`);
    return EXIT.error;
  }
  if (options.all) return allStacks(options);
  const basis: DriftBasis = options.preview ? "the program" : "the last pulumi up";
  let result: { stack: string; report: DriftReport };
  try {
    result = options.preview ? await programDrift(options) : await stateDrift(options);
  } catch (error) {
    const stack = options.stack || "(selected)";
    const cause = failureText(error);
    process.stderr.write(`livekit-sip-drift: no drift report for stack ${stack}: ${cause}\n`);
    writeReports(options, { stack, error: cause }, `### LiveKit SIP: drift check failed\n\nStack \`${stack}\`: ${cause}\n`);
    return EXIT.error;
  }
  const { stack, report } = result;
  process.stdout.write(renderTable(report, stack, basis));
  writeReports(options, { stack, ...report }, renderMarkdown(report, stack, basis));
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
