import { createReadStream } from 'node:fs';
import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { CreditProfileQuery } from '../infrastructure/credit-profile.query';
import { RegisterExportService } from '../infrastructure/register-export.service';
import { ProfileQueryParams, SearchQueryParams } from './credit.dto';
import { PUBLIC_PROFILE_SCHEMA } from './public-register.schema';

@ApiTags('public credit disclosure')
@Controller()
export class CreditProfileHttpController {
  constructor(
    private readonly profiles: CreditProfileQuery,
    private readonly exports: RegisterExportService,
  ) {}

  @Get('profiles')
  @Public()
  @ApiOperation({ summary: 'Search the public register by USCC or part of the name (cursor pagination)' })
  search(@Query() query: SearchQueryParams) {
    return this.profiles.search(query.q, query.limit ?? 20, query.cursor);
  }

  @Get('profiles/:uscc')
  @Public()
  @ApiOperation({ summary: 'Public credit profile by USCC (no token; malformed USCC → 400 naming the failed check); asOf for an earlier instant' })
  byUscc(@Param('uscc', new UsccPipe()) uscc: string, @Query() query: ProfileQueryParams) {
    return this.profiles.byUscc(uscc, query.asOf ? new Date(query.asOf) : undefined);
  }

  @Get('register/schema')
  @Public()
  @Header('content-type', 'application/schema+json')
  @ApiOperation({ summary: 'Data dictionary: the JSON Schema (2020-12) of a public profile, i.e. of each line of the bulk export' })
  schema() {
    return PUBLIC_PROFILE_SCHEMA;
  }

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
