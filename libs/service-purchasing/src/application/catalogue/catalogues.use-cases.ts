import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock, jurisdictionCovers } from '@sop/util';
import { assertCataloguePublishable, catalogueIdFor, catalogueInForce, catalogueVersionOf, NATIONAL_DEFAULT_CATALOGUE, type CatalogueVersion, type NewCatalogueVersionInput } from '../../domain/procurement/catalogue';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { CatalogueStore } from './catalogue.ports';

export function catalogueView(v: CatalogueVersion) {
  return {
    catalogueVersion: catalogueVersionOf(v),
    jurisdiction: v.jurisdiction,
    version: v.version,
    effectiveOn: v.effectiveFrom,
    items: v.items,
    negativeList: v.negativeList,
    source: v.source,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt.toISOString(),
    note: v.note,
  };
}

/**
 * The guiding catalogue and negative list per jurisdiction (Order 102 Art. 10–11), versioned. A finance officer
 * whose jurisdiction covers the catalogue's publishes its next version, effective from a Beijing date not in the
 * past. No event: the catalogue is purchasing's own data; each notice names the version it was checked against.
 */
@Injectable()
export class Catalogues {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalogues: CatalogueStore,
    private readonly clock: Clock,
  ) {}

  async publish(input: NewCatalogueVersionInput, principal: Principal) {
    const now = this.clock.now();
    assertCataloguePublishable(input, now);
    if (!jurisdictionCovers(principal.jurisdiction, input.jurisdiction))
      throw new AuthErrors.OUT_OF_JURISDICTION(`catalogue ${input.jurisdiction} is outside your jurisdiction ${principal.jurisdiction}`);
    const ruleSetId = catalogueIdFor(input.jurisdiction);
    return this.uow.run(async (tx) => {
      const existing = [NATIONAL_DEFAULT_CATALOGUE, ...(await this.catalogues.versions(tx))].filter((v) => v.ruleSetId === ruleSetId);
      const version: CatalogueVersion = { ruleSetId, ...input, version: Math.max(0, ...existing.map((v) => v.version)) + 1, publishedBy: principal.subject, publishedAt: now };
      await this.catalogues.insertVersion(tx, version).catch((err: Error) => {
        throw isDuplicateKey(err) ? new PurchasingErrors.CATALOGUE_VERSION_CONFLICT(`another version of ${ruleSetId} was published concurrently; retry`) : err;
      });
      return catalogueView(version);
    });
  }

  /** Every version (public), and with a division the version in force for it today. */
  async list(jurisdiction?: string) {
    const stored = await this.catalogues.versions(null);
    const versions = [NATIONAL_DEFAULT_CATALOGUE, ...stored].map(catalogueView);
    return { versions, ...(jurisdiction ? { jurisdiction, inForce: catalogueView(catalogueInForce(stored, jurisdiction, this.clock.now())) } : {}) };
  }
}
