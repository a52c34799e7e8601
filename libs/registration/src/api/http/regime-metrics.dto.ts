// The query of the regime comparison: periods as Beijing dates (or instants with their offset).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, ValidateBy } from 'class-validator';
import { endOfCivilDay, parseCivilDate, startOfCivilDay } from '@sop/util';
import { INSTANT_WITH_OFFSET } from './civil-date.validation';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A Beijing date `YYYY-MM-DD` or an ISO 8601 instant with its offset. */
function IsCivilDateOrInstant(): PropertyDecorator {
  return ValidateBy({
    name: 'isCivilDateOrInstant',
    validator: {
      validate: (v: unknown) => parseCivilDate(v) !== null || (typeof v === 'string' && ISO_INSTANT.test(v) && INSTANT_WITH_OFFSET.test(v) && !Number.isNaN(Date.parse(v))),
      defaultMessage: (args) => `${args?.property ?? 'value'} must be a Beijing date YYYY-MM-DD or an ISO 8601 instant with its offset`,
    },
  });
}

export class RegimeMetricsQuery {
  @ApiProperty({ example: '110000' })
  @Matches(/^\d{6}$/)
  jurisdiction: string;

  @ApiProperty({ example: '2026-01-01', description: 'applications submitted from (inclusive): a Beijing date (from 00:00 Beijing time) or an instant with its offset' })
  @IsCivilDateOrInstant()
  from: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'until: a Beijing date (inclusive, to 24:00 Beijing time) or an instant (exclusive); default now' })
  @IsOptional() @IsCivilDateOrInstant()
  to?: string;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'compare before and after: a Beijing date (00:00 Beijing time, e.g. a policy version’s effectiveOn) or an instant' })
  @IsOptional() @IsCivilDateOrInstant()
  splitAt?: string;
}

/** A period bound: a Beijing date starts at 00:00 Beijing time (`end`: a date `to` ends at 24:00 Beijing time). */
export function periodBound(value: string, end = false): Date {
  const date = parseCivilDate(value);
  if (!date) return new Date(value);
  return end ? endOfCivilDay(date) : startOfCivilDay(date);
}
