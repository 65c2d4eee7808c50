/**
 * The programs that measure the engine's own cost, beside the user project that declares trunks:
 * - `trivial`: the same shape of program (one resource per entry of the `trunks` config) with a
 *   dynamic provider that does nothing (create answers at once, diff compares JSON): what any
 *   dynamic provider costs, so the difference to ours is ours;
 * - `empty`: a program that declares nothing: the CLI, the language host and TypeScript alone.
 */

export const TRIVIAL_PROGRAM = `import * as pulumi from "@pulumi/pulumi";

// The engine's floor: a dynamic provider that stores its inputs and calls nothing.
const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: \`trivial-\${Date.now()}-\${Math.random().toString(36).slice(2)}\`, outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: JSON.stringify(olds) !== JSON.stringify(news) };
  },
  async update(_id, _olds, news) {
    return { outs: news };
  },
};

class Trivial extends pulumi.dynamic.Resource {
  constructor(name: string, args: Record<string, unknown>) {
    super(provider, name, args, {});
  }
}

const trunks = new pulumi.Config().getObject<Record<string, Record<string, unknown>>>("trunks") ?? {};
export const ids = Object.fromEntries(Object.entries(trunks).map(([name, args]) => [name, new Trivial(name, args).id]));
`;

export const EMPTY_PROGRAM = `// Declares nothing: what remains of an up is the CLI, the language host and TypeScript.
export const nothing = 0;
`;
