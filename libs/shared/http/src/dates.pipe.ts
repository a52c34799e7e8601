import { Injectable, type PipeTransform } from '@nestjs/common';
import { CIVIL_DATE_RULE, INSTANT_RULE, parseCivilDate, parseInstant, type CivilDate } from '@sop/util';
import { ValidationErrors } from './http.errors';

/**
 * A single query or path parameter read as an instant (`@Query('asOf', new InstantPipe('asOf'))`): the Date, or
 * undefined when absent; anything parseInstant cannot read exactly is a 400 naming the field, rule `isInstant`.
 * DTO fields use the `IsInstant` decorator of @sop/util instead, and controllers convert with `instant()`.
 */
@Injectable()
export class InstantPipe implements PipeTransform<unknown, Date | undefined> {
  constructor(private readonly field: string) {}

  transform(value: unknown): Date | undefined {
    if (value === undefined || value === '') return undefined;
    const parsed = parseInstant(value);
    if (!parsed) throw new ValidationErrors.FAILED(`${this.field} must be ${INSTANT_RULE}`, { field: this.field, rule: 'isInstant' });
    return parsed;
  }
}

/** A single query or path parameter read as a civil date; otherwise a 400 naming the field, rule `isCivilDate`. */
@Injectable()
export class CivilDatePipe implements PipeTransform<unknown, CivilDate | undefined> {
  constructor(private readonly field: string) {}

  transform(value: unknown): CivilDate | undefined {
    if (value === undefined || value === '') return undefined;
    const parsed = parseCivilDate(value);
    if (!parsed) throw new ValidationErrors.FAILED(`${this.field} must be ${CIVIL_DATE_RULE}`, { field: this.field, rule: 'isCivilDate' });
    return parsed;
  }
}
