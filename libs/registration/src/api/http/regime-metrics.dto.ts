// The query of the regime comparison.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

export class RegimeMetricsQuery {
  @ApiProperty({ example: '110000' })
  @Matches(/^\d{6}$/)
  jurisdiction: string;

  @ApiProperty({ example: '2026-01-01T00:00:00Z', description: 'applications submitted from (inclusive)' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiPropertyOptional({ description: 'until (exclusive); default now' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'compare before and after this instant, e.g. the effective date of a policy version' })
  @IsOptional() @IsISO8601({ strict: true })
  splitAt?: string;
}
