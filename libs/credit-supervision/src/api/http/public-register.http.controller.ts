import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { optionalInstant } from '@sop/util';
import { CreditProfileQuery } from '../../infrastructure/public-register/credit-profile.query';
import { ProfileQueryParams, SearchQueryParams } from './public-register.dto';
import { PUBLIC_PROFILE_SCHEMA } from './public-register.schema';

/** The public credit register (regulations §5.3 disclosure): search, profiles and the data dictionary; no token. */
@ApiTags('public credit disclosure')
@Controller()
export class PublicRegisterHttpController {
  constructor(private readonly profiles: CreditProfileQuery) {}

  @Get('profiles')
  @Public()
  @ApiOperation({ summary: 'Search the public register by USCC or part of the name (cursor pagination)' })
  search(@Query() query: SearchQueryParams) {
    return this.profiles.search(query.q, query.limit ?? 20, query.cursor);
  }

  @Get('profiles/:uscc')
  @Public()
  @ApiOperation({ summary: 'Public credit profile by USCC (no token; malformed USCC → 400 naming the failed check); asOf for an earlier effective instant, knownAt for what had been recorded by an instant (bitemporal)' })
  byUscc(@Param('uscc', new UsccPipe()) uscc: string, @Query() query: ProfileQueryParams) {
    return this.profiles.byUscc(uscc, optionalInstant(query.asOf), optionalInstant(query.knownAt));
  }

  @Get('register/schema')
  @Public()
  @Header('content-type', 'application/schema+json')
  @ApiOperation({ summary: 'Data dictionary: the JSON Schema (2020-12) of a public profile, i.e. of each line of the bulk export' })
  schema() {
    return PUBLIC_PROFILE_SCHEMA;
  }
}
