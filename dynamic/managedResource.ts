import * as pulumi from "@pulumi/pulumi";

/*
 * What every resource of this package does with its arguments and options before handing them
 * to Pulumi: secret fields become secrets even when the program passes plain values (state,
 * diffs and logs never show them), and a replacement deletes the old record first.
 */

/** The resource's properties: its arguments with secret fields marked, and its ID output. */
export function propertiesWithSecrets(args: object, secretFields: readonly string[], idOutput: string): Record<string, unknown> {
  const props: Record<string, unknown> = { ...args, [idOutput]: undefined };
  for (const field of secretFields) {
    const value = (args as Record<string, unknown>)[field];
    if (value !== undefined) props[field] = pulumi.secret(value);
  }
  return props;
}

/**
 * The resource's options: secret outputs added, and `deleteBeforeReplace` unless the program says
 * otherwise. A replacement (forced with `pulumi up --replace`) must delete the old record first:
 * LiveKit refuses a second trunk on the same numbers, or a second rule for the same trunk and
 * numbers. The engine takes this from the resource option for forced replacements, not from the
 * provider's diff.
 */
export function managedOptions(opts: pulumi.CustomResourceOptions | undefined, secretFields: readonly string[]): pulumi.CustomResourceOptions {
  return { deleteBeforeReplace: true, ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secretFields] };
}
