import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { PUBLIC_PROFILE_SCHEMA } from '../api/http/public-register.schema';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(PUBLIC_PROFILE_SCHEMA);

/** The schema violations of a public profile ([] when it conforms to the published data dictionary). */
export function publicProfileViolations(profile: unknown): string[] {
  return validate(profile) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}
