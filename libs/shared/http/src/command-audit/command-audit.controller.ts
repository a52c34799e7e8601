import { Controller, Get, Inject, Query, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type as TransformTo } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '@sop/auth';
import { IsInstant, parseInstant } from '@sop/util';
import { CommandAuditLog } from './command-audit.log';

export class CommandAuditQueryDto {
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: 'entries at or after this instant (ISO 8601 with its offset)' })
  @IsOptional() @IsInstant()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-02T00:00:00+08:00', description: 'entries before this instant' })
  @IsOptional() @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: "the token subject (`sub`) who sent the request" })
  @IsOptional() @IsString() @MaxLength(200)
  subject?: string;

  @ApiPropertyOptional({ description: 'paging cursor: entries with an id above it (the `next` of the previous page)' })
  @IsOptional() @TransformTo(() => Number) @IsInt() @Min(0)
  after?: number;

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional() @TransformTo(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

/**
 * GET <service>/audit/commands: the service's command audit log for auditors (national reach: they read everything),
 * oldest first, paged by id.
 */
export function commandAuditControllerFor(): Type<unknown> {
  @ApiTags('audit')
  @ApiBearerAuth()
  @Controller('audit/commands')
  class CommandAuditController {
    constructor(@Inject(CommandAuditLog) private readonly log: CommandAuditLog) {}

    @Get()
    @Roles('auditor')
    @ApiOperation({ summary: 'Every state-changing request to this service: who, what, when, from where, the outcome (auditors)' })
    async list(@Query() q: CommandAuditQueryDto) {
      const limit = q.limit ?? 100;
      const items = await this.log.query({
        limit,
        ...(q.after !== undefined ? { after: q.after } : {}),
        // Validated by @IsInstant, so parseInstant reads them.
        ...(q.from ? { from: parseInstant(q.from) as Date } : {}),
        ...(q.to ? { to: parseInstant(q.to) as Date } : {}),
        ...(q.subject ? { subject: q.subject } : {}),
      });
      return { items, next: items.length === limit ? items[items.length - 1].id : null };
    }
  }
  return CommandAuditController;
}
