import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * A Go module served from a folder the way the Go module proxy serves it (`GOPROXY=file://…`):
 * `<path>/@v/list`, `<version>.info`, `<version>.mod` and `<version>.zip`, whose files sit under
 * `<path>@<version>/`. `go get` then fetches the module as from proxy.golang.org after a tag is
 * pushed, with no `replace`.
 */

/** The proxy protocol's spelling of a module path: each capital letter as `!` + its lower case. */
function escapedModulePath(modulePath: string): string {
  return modulePath.replace(/[A-Z]/g, (letter) => `!${letter.toLowerCase()}`);
}

/** Zips a folder with every entry under `prefix/` and no folder entries, as module zips are. */
const ZIP_MODULE = `
import os, sys, zipfile
out, prefix, root = sys.argv[1:]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in sorted(files):
            full = os.path.join(folder, name)
            archive.write(full, prefix + "/" + os.path.relpath(full, root))
`;

/** Writes `moduleDir` (holding go.mod) as `modulePath@version` into the proxy folder `proxyDir`. */
export function serveGoModule(proxyDir: string, moduleDir: string, modulePath: string, version: string): void {
  const versions = path.join(proxyDir, ...escapedModulePath(modulePath).split("/"), "@v");
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(versions, "list"), `${version}\n`);
  fs.writeFileSync(path.join(versions, `${version}.info`), JSON.stringify({ Version: version, Time: new Date().toISOString() }));
  fs.copyFileSync(path.join(moduleDir, "go.mod"), path.join(versions, `${version}.mod`));
  execFileSync("python3", ["-c", ZIP_MODULE, path.join(versions, `${version}.zip`), `${modulePath}@${version}`, moduleDir]);
}

/**
 * Removes this module version from the machine's module cache, so that `go` fetches the copy
 * just served rather than one an earlier run left there (the cache keeps files read-only).
 */
export function forgetCachedModule(modulePath: string, version: string): void {
  const cache = execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
  const escaped = escapedModulePath(modulePath);
  for (const entry of [path.join(cache, `${escaped}@${version}`), path.join(cache, "cache", "download", ...escaped.split("/"), "@v")]) {
    if (!fs.existsSync(entry)) continue;
    execFileSync("chmod", ["-R", "u+w", entry]);
    fs.rmSync(entry, { recursive: true, force: true });
  }
}
