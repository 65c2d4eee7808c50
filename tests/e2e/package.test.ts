import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../tools/toolchain";

/**
 * What `npm install livekit-sip-pulumi` brings: the tarball globalSetup packed (as `npm publish`
 * would) holds what users run, and nothing of the demo, the tests' proxy, the local LiveKit or
 * the benchmarks.
 */

const tarball = process.env.LSP_E2E_TARBALL!;
const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
  .split("\n")
  .filter(Boolean)
  .map((entry) => entry.replace(/^package\//, ""));
const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" })) as {
  version: string;
  private?: boolean;
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, { types: string; default: string } | string>;
  peerDependencies: Record<string, string>;
};

test("holds only the SDKs, the providers, the commands, the policy pack, the README and the manifest", () => {
  const outside = files.filter((file) => !/^dist\/(dynamic|provider|cli|native|policy)\//.test(file) && !["README.md", "package.json", "LICENSE"].includes(file));
  expect(outside).toEqual([]);
  expect(files.filter((file) => /demo|proxy|localStack|stack\.js|bench|tests?\//.test(file))).toEqual([]);
});

test("ships the routing policy pack as a folder `pulumi preview --policy-pack` takes, at the package's version", () => {
  for (const file of ["PulumiPolicy.yaml", "package.json", "index.js"]) expect(files).toContain(`dist/policy/${file}`);
  const pack = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/dist/policy/package.json"], { encoding: "utf8" })) as { version: string; main: string };
  expect(pack).toMatchObject({ version: manifest.version, main: "index.js" });
});

test("ships no source maps: they would point stack traces at .ts files the package does not hold", () => {
  expect(files.filter((file) => file.endsWith(".map") || (file.endsWith(".ts") && !file.endsWith(".d.ts")))).toEqual([]);
});

test("is publishable, as the README's `npm install` promises", () => {
  expect(manifest.private).toBeUndefined();
  expect(manifest.peerDependencies["@pulumi/pulumi"]).toBeDefined();
});

test("every entry point and command it names is in it", () => {
  const named = [manifest.main, manifest.types, ...Object.values(manifest.bin)];
  for (const entry of Object.values(manifest.exports)) {
    if (typeof entry === "string") named.push(entry);
    else named.push(entry.types, entry.default);
  }
  const missing = named.map((file) => file.replace(/^\.\//, "")).filter((file) => !files.includes(file));
  expect(missing).toEqual([]);
  for (const command of Object.values(manifest.bin)) {
    const text = execFileSync("tar", ["-xzOf", tarball, `package/${command}`], { encoding: "utf8" });
    expect(text.startsWith("#!/usr/bin/env node\n")).toBe(true);
  }
});

test("its ./provider export is the provider Pulumi runs (plus the name earlier stubs load), and nothing more", () => {
  const built = require(path.join(REPO_ROOT, "dist/provider/dynamic/index.js")) as Record<string, unknown>;
  expect(Object.keys(built).sort()).toEqual(["check", "configure", "create", "delete", "diff", "inboundTrunkProvider", "read", "update"]);
  for (const method of ["configure", "check", "diff", "create", "read", "update", "delete"]) expect(typeof built[method]).toBe("function");
});
