/** Small JSON Schema (draft-07) builders and the schema ids shared by the OCDS 1.1 release and package schemas. */

const SCHEMA_BASE = 'https://sop.invalid/schemas/ocds/1.1';
export const OCDS_RELEASE_SCHEMA_ID = `${SCHEMA_BASE}/release-schema.json`;
export const OCDS_RELEASE_PACKAGE_SCHEMA_ID = `${SCHEMA_BASE}/release-package-schema.json`;
export const OCDS_RECORD_PACKAGE_SCHEMA_ID = `${SCHEMA_BASE}/record-package-schema.json`;

export const nullable = (type: string | string[]) => ({ type: [...(Array.isArray(type) ? type : [type]), 'null'] });
export const text = nullable('string');
export const dateTime = { ...nullable('string'), format: 'date-time' };
export const uri = { ...nullable('string'), format: 'uri' };
export const id = { type: ['string', 'integer'], minLength: 1 };
export const closedEnum = (codes: readonly string[]) => ({ ...nullable('string'), enum: [...codes, null] });
export const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
export const listOf = (name: string, unique = false) => ({ type: 'array', items: ref(name), ...(unique ? { uniqueItems: true } : {}) });
export const object = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
