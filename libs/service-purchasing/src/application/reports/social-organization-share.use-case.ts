import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { Clock, jurisdictionCovers } from '@sop/util';
import { catalogueVersionOf, NATIONAL_DEFAULT_CATALOGUE, type CatalogueVersion } from '../../domain/procurement/catalogue';
import { beijingYear, socialOrganizationShareReport, type ShareContract } from '../../domain/reports/social-organization-share';
import { CatalogueStore } from '../catalogue/catalogue.ports';
import { ReportStore, type SignedContractRow } from './reports.ports';

/**
 * GET /reports/social-organization-share (财综〔2016〕54号, regulations §7.1): new public-service purchasing of a
 * jurisdiction in a Beijing calendar year and the share that went to social organizations. Finance officers of a
 * division covering the jurisdiction (else 403 AUTH.OUT_OF_JURISDICTION) and auditors.
 */
@Injectable()
export class SocialOrganizationShare {
  constructor(
    private readonly reports: ReportStore,
    private readonly catalogues: CatalogueStore,
    private readonly clock: Clock,
  ) {}

  async report(jurisdiction: string, year: number, principal: Principal) {
    if (!principal.roles.includes('auditor') && !jurisdictionCovers(principal.jurisdiction, jurisdiction))
      throw new AuthErrors.OUT_OF_JURISDICTION(`jurisdiction ${jurisdiction} is outside your jurisdiction ${principal.jurisdiction}`);
    const period = beijingYear(year);
    const [rows, stored] = await Promise.all([this.reports.contractsSignedBetween(period.startsAt, period.endsBefore), this.catalogues.versions(null)]);
    const categoryOf = catalogueCategories([NATIONAL_DEFAULT_CATALOGUE, ...stored]);
    const contracts = rows
      .filter((r): r is SignedContractRow & { purchaserJurisdiction: string } => r.purchaserJurisdiction !== null && jurisdictionCovers(jurisdiction, r.purchaserJurisdiction))
      .flatMap((r): ShareContract[] => {
        const basis = r.catalogue ? (categoryOf(r.catalogue.version, r.catalogue.itemCode) === 'PUBLIC_SERVICE' ? 'CATALOGUE_PUBLIC_SERVICE' : null) : r.publicService ? 'DECLARED_PUBLIC_SERVICE' : null;
        return basis ? [{ contractId: r.id, supplierUscc: r.supplierUscc, valueFen: r.valueFen, purchaserJurisdiction: r.purchaserJurisdiction, signedAt: r.signedAt, basis }] : [];
      });
    return socialOrganizationShareReport(jurisdiction, year, contracts, this.clock.now());
  }
}

/** The category of an item in the catalogue version a procurement named (`catalogue/<division>@v<n>`). */
function catalogueCategories(versions: CatalogueVersion[]) {
  const byVersion = new Map(versions.map((v) => [catalogueVersionOf(v), v]));
  return (version: string, code: string) => byVersion.get(version)?.items.find((i) => i.code === code)?.category ?? null;
}
