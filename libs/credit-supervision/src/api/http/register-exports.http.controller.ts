import { createReadStream } from 'node:fs';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@sop/auth';
import { RateLimit } from '@sop/http';
import { RegisterExportService } from '../../infrastructure/public-register/register-export.service';

/**
 * Bulk export of the public register as JSON Lines (one public profile per line), with progress. Each export reads
 * the whole register and writes it to disk, so it needs an officer's token (credit officer, registrar, auditor) and
 * is limited per caller (RATE_LIMIT_EXPENSIVE_PER_MINUTE per token subject and per IP address, 429 with
 * Retry-After); one export runs at a time, and a start while one runs returns that one.
 */
@ApiTags('public credit disclosure')
@ApiBearerAuth()
@Controller()
export class RegisterExportsHttpController {
  constructor(private readonly exports: RegisterExportService) {}

  @Post('register/exports')
  @Roles('credit-officer', 'registrar', 'auditor')
  @RateLimit('expensive')
  @ApiOperation({ summary: 'Start a bulk export of the public register (JSON Lines); poll the job for progress. While one runs, returns that one. Officers only; limited per caller (429)' })
  startExport() {
    return this.exports.start();
  }

  @Get('register/exports/:id')
  @Roles('credit-officer', 'registrar', 'auditor')
  @ApiOperation({ summary: 'Export progress: total, processed, status' })
  exportStatus(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.exports.get(id);
  }

  @Get('register/exports/:id/download')
  @Roles('credit-officer', 'registrar', 'auditor')
  @RateLimit('expensive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Download a finished export (application/x-ndjson)' })
  async download(@Param('id', new ParseUUIDPipe()) id: string) {
    return new StreamableFile(createReadStream(await this.exports.file(id)), { type: 'application/x-ndjson', disposition: `attachment; filename="credit-register-${id}.jsonl"` });
  }
}
