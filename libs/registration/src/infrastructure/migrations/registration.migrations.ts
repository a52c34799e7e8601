import { RegistrationSkeleton1732500000100 } from './1732500000100-registration-skeleton.migration';
import { RegistrationPolicyAndConsent1732600000100 } from './1732600000100-registration-policy-and-consent.migration';
import { AnnualReports1732600000200 } from './1732600000200-annual-reports.migration';
import { OrganizationHistory1732600000300 } from './1732600000300-organization-history.migration';
import { LegalRepresentativeChanges1732600000400 } from './1732600000400-legal-representative-changes.migration';
import { AnnualReportDueDatesPerForm1732600000500 } from './1732600000500-annual-report-due-dates-per-form.migration';
import { CivilTime1732700000100 } from './1732700000100-civil-time.migration';
import { RevocationKind1732800000100 } from './1732800000100-revocation-kind.migration';
import { NameApprovalReference1732800000200 } from './1732800000200-name-approval-reference.migration';
import { PartyOrganization1732900000100 } from './1732900000100-party-organization.migration';

/** The migrations of the registration schema, oldest first (the module runs them; the SQLite spec replays them). */
export const REGISTRATION_MIGRATIONS = [
  RegistrationSkeleton1732500000100,
  RegistrationPolicyAndConsent1732600000100,
  AnnualReports1732600000200,
  OrganizationHistory1732600000300,
  LegalRepresentativeChanges1732600000400,
  AnnualReportDueDatesPerForm1732600000500,
  CivilTime1732700000100,
  RevocationKind1732800000100,
  NameApprovalReference1732800000200,
  PartyOrganization1732900000100,
];
