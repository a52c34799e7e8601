import { createReadStream } from 'node:fs';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@sop/auth';
import { RegisterExportService } from '../../infrastructure/public-register/register-export.service';

/** Bulk export of the public register as JSON Lines (one public profile per line), with progress; no token. */
@ApiTags('public credit disclosure')
@Controller()
export class RegisterExportsHttpController {
  constructor(private readonly exports: RegisterExportService) {}

  @Post('register/exports')
  @Public()
  @ApiOperation({ summary: 'Start a bulk export of the public register (JSON Lines); poll the job for progress. While one runs, returns that one' })
  startExport() {
    return this.exports.start();
  }

  @Get('register/exports/:id')
  @Public()
  @ApiOperation({ summary: 'Export progress: total, processed, status' })
  exportStatus(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.exports.get(id);
  }

  @Get('register/exports/:id/download')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Download a finished export (application/x-ndjson)' })
  async download(@Param('id', new ParseUUIDPipe()) id: string) {
    return new StreamableFile(createReadStream(await this.exports.file(id)), { type: 'application/x-ndjson', disposition: `attachment; filename="credit-register-${id}.jsonl"` });
  }
}
