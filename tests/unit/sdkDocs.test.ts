import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { fieldNames } from "../../provider/core/fields";
import { DISPATCH_RULE, INBOUND_TRUNK, OUTBOUND_TRUNK, SipResource } from "../../provider/livekit/resources";

/**
 * The SDK's public API as users read it in their editor: for each resource, every field of its
 * table is an argument with TSDoc giving its `@default` and an `@example`, and an output with
 * TSDoc. Read from the source with TypeScript's own parser.
 */

/** Member name → its TSDoc text (comment and tags), for an interface or class of a file. */
function documentedMembers(file: string, name: string): Map<string, string> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const members = new Map<string, string>();
  source.forEachChild((node) => {
    if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) && node.name?.text === name) {
      for (const member of node.members) {
        if (!member.name || !ts.isIdentifier(member.name)) continue;
        const docs = ts.getJSDocCommentsAndTags(member).map((doc) => doc.getText());
        members.set(member.name.text, docs.join("\n"));
      }
    }
  });
  return members;
}

const sdk: [string, SipResource][] = [
  ["inboundTrunk.ts", INBOUND_TRUNK],
  ["outboundTrunk.ts", OUTBOUND_TRUNK],
  ["dispatchRule.ts", DISPATCH_RULE],
];

describe.each(sdk)("dynamic/%s", (file, resource) => {
  const source = path.join(__dirname, "../../dynamic", file);
  const args = documentedMembers(source, `${resource.typeName}Args`);
  const outputs = documentedMembers(source, resource.typeName);

  test.each([...fieldNames(resource.table), resource.adoptInput])("argument %s is documented with @default and @example", (field) => {
    const doc = args.get(field);
    expect(doc).toBeDefined();
    expect(doc).toMatch(/@default \S/);
    expect(doc).toMatch(/@example \S/);
  });

  test.each([...fieldNames(resource.table), resource.idOutput])("output %s is documented", (field) => {
    expect(outputs.get(field)).toMatch(/\/\*\*\s*\S/);
  });

  test("no argument that is not a field or the adoption input", () => {
    expect([...args.keys()].filter((name) => !fieldNames(resource.table).includes(name) && name !== resource.adoptInput)).toEqual([]);
  });
});
