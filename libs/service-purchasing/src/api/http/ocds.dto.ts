import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '@sop/util';
import { OCDS_PAGE_SIZE } from '../../application/ocds/ocds-paging';

/** An OCDS contracting-process identifier as this service issues them. */
export const OCID_FORMAT = /^ocds-[a-z0-9]{6}-[0-9a-f-]{36}$/;

export class OcdsPageQuery {
  @ApiPropertyOptional({ default: OCDS_PAGE_SIZE.default, maximum: OCDS_PAGE_SIZE.max, description: 'page size' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(OCDS_PAGE_SIZE.max)
  limit?: number;

  @ApiPropertyOptional({ example: 0, description: 'cursor: the sequence after which the page starts (from links.next)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  after?: number;
}

export class OcdsReleasesQuery extends OcdsPageQuery {
  @ApiPropertyOptional({ example: 'ocds-sopdev-6f1c2a9e-3b7d-4c1e-9a55-0d2f4e8b7c31', description: 'only the releases of this contracting process' })
  @IsOptional() @Matches(OCID_FORMAT, { message: 'ocid must be ocds-<6-character prefix>-<procurement uuid>' })
  ocid?: string;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+08:00', description: 'only releases dated at or after this instant (ISO 8601 with offset)' })
  @IsOptional() @IsInstant() @MaxLength(40)
  since?: string;
}

export class OcdsBulkQuery {
  @ApiPropertyOptional({ enum: ['json', 'jsonl'], default: 'json', description: 'json: one release package; jsonl: one release per line' })
  @IsOptional() @IsIn(['json', 'jsonl'])
  format?: 'json' | 'jsonl';
}
