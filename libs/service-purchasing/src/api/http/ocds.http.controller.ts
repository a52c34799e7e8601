import { Readable } from 'node:stream';
import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@sop/auth';
import { RateLimit } from '@sop/http';
import { instant } from '@sop/util';
import { OcdsReads } from '../../application/ocds/ocds-reads.use-cases';
import { ocdsJson } from '../../domain/ocds';
import { OcdsBulkQuery, OcdsPageQuery, OcdsReleasesQuery } from './ocds.dto';

interface JsonResponse {
  setHeader(name: string, value: string): unknown;
}

/** OCDS data is written with ocdsJson (amounts as exact decimals), never with JSON.stringify. */
function json(res: JsonResponse, body: unknown): string {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  return ocdsJson(body);
}

/**
 * OCDS 1.1 open data of service purchasing (issue 11 item 6), public and read-only: release packages, record packages
 * and a bulk download of the releases frozen at each procurement step. Bids appear in no release before the award.
 * Paging: `limit` (default 100, at most 500) and the cursor `after`; `links.next` (OCDS pagination extension) gives
 * the next page and is absent on the last. Nothing matching is 404 PURCHASING.OCDS_NO_RELEASES (an OCDS package
 * holds at least one release).
 */
@ApiTags('open data (OCDS 1.1)')
@Controller('ocds')
export class OcdsHttpController {
  constructor(private readonly ocds: OcdsReads) {}

  @Get('releases')
  @Public()
  @ApiProduces('application/json')
  @ApiOperation({ summary: 'A release package of releases in publication order, paged (limit, after → links.next); optional ocid and since (release date ≥ since)' })
  async releases(@Query() q: OcdsReleasesQuery, @Res({ passthrough: true }) res: JsonResponse) {
    return json(res, await this.ocds.releases({ limit: q.limit, after: q.after, ocid: q.ocid, since: q.since === undefined ? undefined : instant(q.since) }));
  }

  @Get('releases/:releaseId')
  @Public()
  @ApiProduces('application/json')
  @ApiOperation({ summary: 'A release package holding one release (404 PURCHASING.OCDS_RELEASE_NOT_FOUND)' })
  async release(@Param('releaseId') releaseId: string, @Res({ passthrough: true }) res: JsonResponse) {
    return json(res, await this.ocds.release(releaseId));
  }

  @Get('records')
  @Public()
  @ApiProduces('application/json')
  @ApiOperation({ summary: 'Record packages paged by contracting process (limit, after → links.next): each record with its releases linked by URL and the compiled release' })
  async records(@Query() q: OcdsPageQuery, @Res({ passthrough: true }) res: JsonResponse) {
    return json(res, await this.ocds.records({ limit: q.limit, after: q.after }));
  }

  @Get('records/:ocid')
  @Public()
  @ApiProduces('application/json')
  @ApiOperation({ summary: 'The record package of one contracting process: releases linked by URL and the compiled release (404 PURCHASING.OCDS_RECORD_NOT_FOUND)' })
  async record(@Param('ocid') ocid: string, @Res({ passthrough: true }) res: JsonResponse) {
    return json(res, await this.ocds.record(ocid));
  }

  @Get('bulk')
  @Public()
  @RateLimit('expensive')
  @ApiProduces('application/json', 'application/x-ndjson')
  @ApiOperation({ summary: 'Every release published, as an attachment streamed page by page: one release package (format=json) or one release per line (format=jsonl)' })
  async bulk(@Query() q: OcdsBulkQuery) {
    const download = await this.ocds.bulk(q.format ?? 'json');
    return new StreamableFile(Readable.from(download.chunks), { type: download.contentType, disposition: `attachment; filename="${download.filename}"` });
  }
}
