import { Controller, Get, Header, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthErrors, Public } from '@sop/auth';
import { CalendarErrors, ErrorCatalogue, UsccErrors, type ErrorSet } from '@sop/util';
import { HttpErrors, ValidationErrors } from './http.errors';
import { STATUS_OF_KIND } from './problem.filter';

/** The codes every service can answer with, besides its own. */
export const PLATFORM_ERROR_SETS: readonly ErrorSet[] = [HttpErrors, ValidationErrors, AuthErrors, UsccErrors, CalendarErrors];

export interface ErrorCatalogueEntry {
  code: string;
  status: number;
  kind: string;
  meaning: string;
}

export function catalogueEntries(catalogue: ErrorCatalogue): ErrorCatalogueEntry[] {
  return catalogue.entries().map((d) => ({ code: d.code, status: STATUS_OF_KIND[d.kind][0], kind: d.kind, meaning: d.meaning }));
}

/** `GET /errors`: every problem code a client of this service can receive, with its status and meaning. */
export function errorCatalogueControllerFor(serviceSets: readonly ErrorSet[]): Type<unknown> {
  const catalogue = new ErrorCatalogue([...PLATFORM_ERROR_SETS, ...serviceSets]);
  const entries = catalogueEntries(catalogue);

  @ApiTags('errors')
  @Controller('errors')
  class ErrorCatalogueController {
    @Public()
    @Get()
    @Header('Cache-Control', 'public, max-age=3600')
    @ApiOkResponse({ description: 'The problem codes of this service (RFC 9457 `code` member), with HTTP status, kind and meaning.' })
    list(): { codes: ErrorCatalogueEntry[] } {
      return { codes: entries };
    }
  }
  return ErrorCatalogueController;
}
