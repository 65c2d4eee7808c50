import * as pulumi from "@pulumi/pulumi";
import { ProviderExport, providerStub } from "../../dynamic/providerStub";

/**
 * What a resource's `__provider` holds: the stub each SDK class hands Pulumi, serialized the way
 * the dynamic-resource SDK serializes it. It must name the provider by its package export (never
 * a file path derived from where the project happens to be installed) and carry nothing else.
 */

const EXPORTS: ProviderExport[] = ["livekit-sip-pulumi/provider", "livekit-sip-pulumi/provider/dispatch-rule", "livekit-sip-pulumi/provider/outbound-trunk"];

async function serialized(exportPath: ProviderExport): Promise<string> {
  const stub = providerStub(exportPath);
  return (await pulumi.runtime.serializeFunction(() => stub, { allowSecrets: false })).text;
}

test.each(EXPORTS)("the stub for %s requires exactly that export and nothing else", async (exportPath) => {
  const text = await serialized(exportPath);
  const required = [...text.matchAll(/require\(([^)]*)\)/g)].map((match) => match[1]);
  // The one require takes the captured export name; the name itself is stored as a string.
  expect(required).toEqual(["exportPath"]);
  expect(text).toContain(JSON.stringify(exportPath));
  expect(text).not.toMatch(/node_modules|\/dist\/|\.js"/);
});

test("the stub stays small (state holds it twice per resource): one function, not one per method", async () => {
  for (const exportPath of EXPORTS) {
    const text = await serialized(exportPath);
    expect(text.length).toBeLessThanOrEqual(800);
    expect(text).toMatch(/^var __\w+ = \{configure: __f\d+\};$/m);
  }
});

test("once the host has configured it, as it does first for every engine call, the stub is the module it requires", async () => {
  const text = await serialized("livekit-sip-pulumi/provider");
  const calls: string[] = [];
  const methods = ["configure", "check", "diff", "create", "read", "update", "delete"] as const;
  const fakeModule = Object.fromEntries(methods.map((method) => [method, (...args: unknown[]) => calls.push(`${method}:${args.length}`)]));
  const fakeRequire = (name: string) => {
    if (name !== "livekit-sip-pulumi/provider") throw new Error(`unexpected require of ${name}`);
    return fakeModule;
  };
  const module = { exports: {} as { handler?: () => Record<string, (...args: unknown[]) => unknown> } };
  new Function("exports", "require", "module", text)(module.exports, fakeRequire, module);
  const provider = module.exports.handler!();
  expect(Object.keys(provider)).toEqual(["configure"]);
  provider.configure({});
  provider.check({}, {});
  provider.diff("id", {}, {});
  provider.create({});
  provider.read("id", {});
  provider.update("id", {}, {});
  provider.delete("id", {});
  expect(calls).toEqual(["configure:1", "check:2", "diff:3", "create:1", "read:2", "update:3", "delete:2"]);
});
