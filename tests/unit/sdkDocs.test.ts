import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { TRUNK_FIELD_NAMES } from "../../provider/fields";

/**
 * The SDK's public API as users read it in their editor: every field of the table is an
 * argument of InboundTrunkArgs with TSDoc giving its `@default` and an `@example`, and an output
 * of InboundTrunk with TSDoc. Read from the source with TypeScript's own parser.
 */

const file = path.join(__dirname, "../../sdk/inboundTrunk.ts");
const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);

/** Member name → its TSDoc text (comment and tags), for an interface or class of the file. */
function documentedMembers(name: string): Map<string, string> {
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

const args = documentedMembers("InboundTrunkArgs");
const outputs = documentedMembers("InboundTrunk");

test.each([...TRUNK_FIELD_NAMES, "adoptTrunkId"])("argument %s is documented with @default and @example", (field) => {
  const doc = args.get(field);
  expect(doc).toBeDefined();
  expect(doc).toMatch(/@default \S/);
  expect(doc).toMatch(/@example \S/);
});

test.each([...TRUNK_FIELD_NAMES, "sipTrunkId"])("output %s is documented", (field) => {
  expect(outputs.get(field)).toMatch(/\/\*\*\s*\S/);
});
