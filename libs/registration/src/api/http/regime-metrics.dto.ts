// The query of the regime comparison: periods as Beijing dates (or instants with their offset).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { endOfCivilDay, instant, IsCivilDateOrInstant, parseCivilDate, startOfCivilDay } from '@sop/util';

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
  if (!date) return instant(value);
  return end ? endOfCivilDay(date) : startOfCivilDay(date);
}
