import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { parseCivilDate } from '@sop/util';

/** A Beijing civil date written YYYY-MM-DD, a real day (`parseCivilDate`); otherwise a 400 naming the field. */
export function IsCivilDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCivilDate',
      validator: {
        validate: (value: unknown) => parseCivilDate(value) !== null,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a civil date YYYY-MM-DD (Beijing time), a real day`,
      },
    },
    options,
  );
}

/** An instant: ISO 8601 with a time and an offset (Z or ±hh:mm), never a bare date. */
export const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant as ISO 8601 with an offset (`2026-05-31T10:00:00+08:00`, `…Z`); otherwise a 400 naming the field. */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(IsISO8601({ strict: true }), Matches(INSTANT_WITH_OFFSET, { message: ({ property }) => `${property} must be an ISO 8601 instant with an offset (Z or ±hh:mm)` }));
}
