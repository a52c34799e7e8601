import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { ValidationErrors } from '@sop/http';
import { parseCivilDate } from '@sop/util';
import { Catalogues } from '../../application/catalogue/catalogues.use-cases';
import { ListCataloguesQuery, PublishCatalogueVersionRequest } from './catalogues.dto';

/** The guiding catalogue and negative list per jurisdiction, versioned (Order 102 Art. 10–11). */
@ApiTags('catalogues')
@Controller('catalogues')
export class CataloguesHttpController {
  constructor(private readonly catalogues: Catalogues) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Every version of the guiding catalogues and negative lists (the national default catalogue/100000@v1: Order 102 Art. 9 categories and Art. 10 negative list, illustrative items); with ?jurisdiction= also the version in force there today (the most specific covering jurisdiction)',
  })
  list(@Query() query: ListCataloguesQuery) {
    return this.catalogues.list(query.jurisdiction);
  }

  @Post(':jurisdiction/versions')
  @ApiBearerAuth()
  @Roles('finance-officer')
  @ApiOperation({
    summary:
      "Publish the next version of a jurisdiction's guiding catalogue and negative list, effective from a Beijing date not in the past; a finance officer whose jurisdiction covers it (else 403 AUTH.OUT_OF_JURISDICTION)",
  })
  publish(@Param('jurisdiction') jurisdiction: string, @Body() body: PublishCatalogueVersionRequest, @CurrentPrincipal() principal: Principal) {
    const effectiveFrom = parseCivilDate(body.effectiveOn);
    if (!effectiveFrom)
      throw new ValidationErrors.FAILED('effectiveOn: not a calendar date', { violations: [{ field: 'effectiveOn', rule: 'civilDate', message: 'a real date YYYY-MM-DD (Beijing)' }] });
    return this.catalogues.publish(
      {
        jurisdiction,
        effectiveFrom,
        items: body.items.map((i) => ({ code: i.code, name: i.name, category: i.category })),
        negativeList: body.negativeList.map((n) => ({ code: n.code, name: n.name, article: n.article })),
        source: body.source,
        note: body.note ?? null,
      },
      principal,
    );
  }
}
