// Civil dates in requests: `YYYY-MM-DD`, a real day, read as a Beijing date (China Standard Time).
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { parseCivilDate } from '@sop/util';

/** A civil date `YYYY-MM-DD` that exists (parseCivilDate); a bad one is a 400 naming the field (rule `isCivilDate`). */
export function IsCivilDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCivilDate',
      validator: {
        validate: (value: unknown) => parseCivilDate(value) !== null,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a civil date YYYY-MM-DD (a real day, Beijing time)`,
      },
    },
    options,
  );
}

/** A timestamp must carry its offset (Z or ±hh:mm): an instant, never a local time. */
export const INSTANT_WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;
