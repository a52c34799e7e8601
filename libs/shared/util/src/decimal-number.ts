import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Whether `value` is a finite number with at most `places` decimal places (3e-323 has 323: not a score of 2). */
export function hasAtMostDecimalPlaces(value: unknown, places: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value;
}

/**
 * A request field that must be a finite number with at most `places` decimal places; otherwise a 400 naming the
 * field, rule `isDecimalNumber`. Used instead of class-validator's IsNumber({ maxDecimalPlaces }), which throws (a
 * 500) on numbers JSON writes in exponent notation, e.g. 3e-323.
 */
export function IsDecimalNumber(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDecimalNumber',
      constraints: [places],
      validator: {
        validate: (value: unknown) => hasAtMostDecimalPlaces(value, places),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a finite number with at most ${places} decimal places`,
      },
    },
    options,
  );
}
