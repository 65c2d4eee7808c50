import { fieldNames } from "../../provider/core/fields";
import { RESOURCE_FACTS } from "../../provider/core/resourceFacts";
import { nativeTypeToken, packageSchema, SchemaProperty } from "../../provider/native/schema";

/**
 * The native package's schema is a product of the field tables: every field of every resource
 * is a property with its doc, its secret flag and, for enums, exactly the table's values.
 */

const schema = packageSchema("1.2.3");

describe.each(RESOURCE_FACTS.map((facts) => [facts.typeName, facts] as const))("%s", (_, facts) => {
  const resource = schema.resources[nativeTypeToken(facts)];

  test("is a resource of the schema under livekit:sip:", () => {
    expect(nativeTypeToken(facts)).toBe(`livekit:sip:${facts.typeName}`);
    expect(resource).toBeDefined();
  });

  test("has every table field as an input and an output, and LiveKit's ID as a required output", () => {
    expect(Object.keys(resource.inputProperties)).toEqual(fieldNames(facts.table));
    expect(Object.keys(resource.properties)).toEqual([facts.idOutput, ...fieldNames(facts.table)]);
    expect(resource.required).toEqual([facts.idOutput]);
  });

  test.each(fieldNames(facts.table))("%s carries the table's doc and secret flag", (field) => {
    const property: SchemaProperty = resource.inputProperties[field];
    expect(property.description).toContain(facts.table[field].doc);
    expect(property.secret === true).toBe(facts.table[field].secret === true);
    expect(resource.properties[field]).toEqual(property);
  });

  test("each enum field refers to a type listing exactly the table's values", () => {
    for (const field of fieldNames(facts.table)) {
      const description = facts.table[field];
      if (description.kind !== "enum") continue;
      const ref = resource.inputProperties[field].$ref!;
      const type = schema.types[ref.replace("#/types/", "")];
      expect(type.enum?.map((entry) => entry.value)).toEqual([...description.values]);
    }
  });
});

test("the provider's settings are the stack config keys, the secret one secret", () => {
  expect(Object.keys(schema.config.variables)).toEqual(["url", "apiKey", "apiSecret"]);
  expect(schema.config.variables.apiSecret.secret).toBe(true);
  expect(schema.provider.inputProperties.apiSecret.secret).toBe(true);
  expect(schema.provider.properties.apiSecret).toBeUndefined();
});

test("no property asks for replacement on change: every field changes in place", () => {
  expect(JSON.stringify(schema)).not.toContain("replaceOnChanges");
});

test("enum values have distinct names in generated SDKs", () => {
  for (const type of Object.values(schema.types)) {
    const names = (type.enum ?? []).map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
  }
});
