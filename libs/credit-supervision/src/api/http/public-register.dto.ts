import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant, USCC_FORMAT } from '@sop/util';

/** Query parameters of the public register (no token). */

export class ProfileQueryParams {
  @ApiPropertyOptional({ description: 'answer as of this instant (ISO 8601 with an offset)' }) @IsOptional() @IsInstant() asOf?: string;
  @ApiPropertyOptional({
    description:
      'bitemporal read: only what had been recorded by this instant (ISO 8601 with an offset, not in the future), so an auditor sees what the public saw then, entries annulled later included; asOf defaults to it',
  })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

export class SearchQueryParams {
  @ApiProperty({ description: 'USCC or part of the name' }) @IsString() @IsNotEmpty() @MaxLength(200) q: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(USCC_FORMAT) cursor?: string;
}
