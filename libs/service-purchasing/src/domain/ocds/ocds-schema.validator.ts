import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { OCDS_RECORD_PACKAGE_SCHEMA, OCDS_RELEASE_PACKAGE_SCHEMA, OCDS_RELEASE_SCHEMA } from './ocds-1.1.schema';
import { ocdsJson } from './ocds-money';

// Test support (ajv is a dev dependency): checks OCDS output against the schema written from the 1.1 reference.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addSchema(OCDS_RELEASE_SCHEMA);
const validators = {
  release: ajv.compile(OCDS_RELEASE_SCHEMA),
  releasePackage: ajv.compile(OCDS_RELEASE_PACKAGE_SCHEMA),
  recordPackage: ajv.compile(OCDS_RECORD_PACKAGE_SCHEMA),
};

/**
 * The schema violations of OCDS data ([] when it conforms). Data built here is first written with `ocdsJson` and
 * parsed back, so what is validated is exactly the JSON the endpoints will send.
 */
export function ocdsViolations(kind: keyof typeof validators, data: unknown): string[] {
  const validate = validators[kind];
  const wire: unknown = JSON.parse(ocdsJson(data));
  return validate(wire) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
