import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from './civil-date.validation';
import { USCC_FORMAT } from '@sop/util';

/** Query parameters of the public register (no token). */

export class ProfileQueryParams {
  @ApiPropertyOptional({ description: 'answer as of this instant (ISO 8601 with an offset)' }) @IsOptional() @IsInstant() asOf?: string;
}

export class SearchQueryParams {
  @ApiProperty({ description: 'USCC or part of the name' }) @IsString() @IsNotEmpty() @MaxLength(200) q: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(USCC_FORMAT) cursor?: string;
}
