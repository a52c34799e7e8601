import type { OrganizationForm } from '@sop/contracts';
import { NATIONAL_DIVISION, type DomainErrorClass, type FieldViolation } from '@sop/util';
import { RegistrationErrors } from './registration.errors';

/**
 * Statutory founding conditions checked on submission (regulations §1.1–1.3). Pure; amounts in fen.
 * Every application records FOUNDING_CONDITIONS_VERSION next to the regime policy version.
 */
export const FOUNDING_CONDITIONS_VERSION = 'founding-conditions/national@v1';

export const FOUNDATION_TYPES = ['PUBLIC', 'NON_PUBLIC'] as const;
export type FoundationType = (typeof FOUNDATION_TYPES)[number];

export interface FoundingFacts {
  proposedName: string;
  form: OrganizationForm;
  registeringAuthority: string;
  domicile: string;
  purpose: string;
  legalRepresentativeName: string;
  registeredCapitalFen: number;
  individualMembers: number | null;
  unitMembers: number | null;
  foundationType: FoundationType | null;
}

const YUAN = 100; // fen per yuan

/** 社团条例 Art. 10(1): ≥ 50 individual, or ≥ 30 unit members; mixed membership ≥ 50 in total. */
export const MIN_INDIVIDUAL_MEMBERS = 50;
export const MIN_UNIT_MEMBERS = 30;
export const MIN_MIXED_MEMBERS = 50;

/** 社团条例 Art. 10(5): activity funds ≥ 100,000 yuan (national), ≥ 30,000 yuan (local, cross-region). */
export const SOCIAL_GROUP_MIN_FUNDS_FEN = { national: 100_000 * YUAN, local: 30_000 * YUAN } as const;
/** 基金会条例 Art. 8: original fund ≥ 8 M (national public), 4 M (local public), 2 M (non-public) yuan. */
export const FOUNDATION_MIN_FUND_FEN = { nationalPublic: 8_000_000 * YUAN, localPublic: 4_000_000 * YUAN, nonPublic: 2_000_000 * YUAN } as const;

/** Organization-form words a name ends with (社会组织名称管理办法, MCA Order 69: name = division + field + form). */
export const FORM_WORDS: Record<OrganizationForm, readonly string[]> = {
  SOCIAL_GROUP: ['协会', '学会', '研究会', '促进会', '联合会', '商会', '同业公会', '联谊会', '总会', '社'],
  SOCIAL_SERVICE_ORGANIZATION: ['中心', '院', '所', '学校', '校', '园', '站', '馆', '社'],
  FOUNDATION: ['基金会'],
};

/** 社团条例 Art. 10 para. 2 (local groups), 民非条例 / regulations §1.2 (all 民非): no 中国/全国/中华. */
export const RESTRICTED_NAME_WORDS = ['中国', '全国', '中华'] as const;

export interface FoundingViolation extends FieldViolation {
  /** The declared error of this condition (RegistrationErrors.NAME_FORM_WORD...). */
  error: DomainErrorClass;
}

export function minimumMembersMet(individual: number, unit: number): boolean {
  if (individual > 0 && unit > 0) return individual + unit >= MIN_MIXED_MEMBERS;
  return individual >= MIN_INDIVIDUAL_MEMBERS || unit >= MIN_UNIT_MEMBERS;
}

/** Minimum funds in fen for a form at the authority's level, and the article that sets it (null: no numeric minimum). */
export function minimumFundsFen(form: OrganizationForm, registeringAuthority: string, foundationType: FoundationType | null): { fen: number; rule: string } | null {
  const national = registeringAuthority === NATIONAL_DIVISION;
  switch (form) {
    case 'SOCIAL_GROUP':
      return national
        ? { fen: SOCIAL_GROUP_MIN_FUNDS_FEN.national, rule: '社团条例 Art. 10(5): national social groups need ≥ 100,000 yuan activity funds' }
        : { fen: SOCIAL_GROUP_MIN_FUNDS_FEN.local, rule: '社团条例 Art. 10(5): local social groups need ≥ 30,000 yuan activity funds' };
    case 'FOUNDATION':
      if (foundationType === 'NON_PUBLIC') return { fen: FOUNDATION_MIN_FUND_FEN.nonPublic, rule: '基金会条例 Art. 8: non-public foundations need ≥ 2,000,000 yuan original fund' };
      return national
        ? { fen: FOUNDATION_MIN_FUND_FEN.nationalPublic, rule: '基金会条例 Art. 8: national public foundations need ≥ 8,000,000 yuan original fund' }
        : { fen: FOUNDATION_MIN_FUND_FEN.localPublic, rule: '基金会条例 Art. 8: local public foundations need ≥ 4,000,000 yuan original fund' };
    case 'SOCIAL_SERVICE_ORGANIZATION':
      return null; // 民非条例 Art. 8: lawful property suited to the activity, no national numeric minimum
  }
}

/** All failed founding conditions, in a fixed order (name, domicile, purpose, legal representative, members, funds). */
export function foundingViolations(f: FoundingFacts): FoundingViolation[] {
  const v: FoundingViolation[] = [];
  const national = f.registeringAuthority === NATIONAL_DIVISION;
  const name = f.proposedName.trim();

  const words = FORM_WORDS[f.form];
  const endsWithFormWord = words.some((w) => name.endsWith(w) && name.length > w.length);
  const foundationWordMisused = f.form !== 'FOUNDATION' && name.endsWith('基金会');
  if (!endsWithFormWord || foundationWordMisused) {
    v.push({
      error: RegistrationErrors.NAME_FORM_WORD,
      field: 'proposedName',
      rule: 'organizationFormWord',
      message: `a ${f.form} name ends with its organization-form word (${words.join('/')}) after the division and field (社会组织名称管理办法, MCA Order 69)`,
    });
  }
  if (f.form === 'FOUNDATION' && !national && f.registeringAuthority.slice(2) !== '0000') {
    v.push({
      error: RegistrationErrors.FOUNDATION_AUTHORITY_LEVEL,
      field: 'registeringAuthority',
      rule: 'foundationRegistrationLevel',
      message: 'foundations register only with the MCA (100000) or a provincial authority (基金会条例 Art. 6)',
    });
  }
  const restrictedForLevel = f.form === 'SOCIAL_SERVICE_ORGANIZATION' || !national;
  const used = RESTRICTED_NAME_WORDS.filter((w) => name.includes(w));
  if (restrictedForLevel && used.length > 0) {
    v.push({
      error: RegistrationErrors.NAME_FORBIDDEN_WORD,
      field: 'proposedName',
      rule: 'forbiddenWord',
      message: `"${used.join('", "')}" may be used only by national social groups and foundations with approval (社团条例 Art. 10 para. 2; regulations §1.2)`,
    });
  }
  if (!f.domicile.trim()) {
    v.push({ error: RegistrationErrors.DOMICILE_REQUIRED, field: 'domicile', rule: 'fixedDomicile', message: 'a fixed domicile is a founding condition (社团条例 Art. 10(3); 民非条例 Art. 8(4); 基金会条例 Art. 9(3))' });
  }
  if (!f.purpose.trim()) {
    v.push({ error: RegistrationErrors.PURPOSE_REQUIRED, field: 'purpose', rule: 'purpose', message: 'the purpose is a registered item (社团条例 Art. 12, 14)' });
  }
  if (!f.legalRepresentativeName.trim()) {
    v.push({ error: RegistrationErrors.LEGAL_REPRESENTATIVE_REQUIRED, field: 'legalRepresentativeName', rule: 'legalRepresentative', message: 'the legal representative is a registered item (社团条例 Art. 12; 民非条例 Art. 12)' });
  }
  if (f.form === 'SOCIAL_GROUP') {
    const individual = f.individualMembers ?? 0;
    const unit = f.unitMembers ?? 0;
    if (!minimumMembersMet(individual, unit)) {
      v.push({
        error: RegistrationErrors.MEMBERS_BELOW_MINIMUM,
        field: individual > 0 || unit === 0 ? 'individualMembers' : 'unitMembers',
        rule: 'minimumMembers',
        message: `${individual} individual + ${unit} unit members: a social group needs ≥ 50 individual or ≥ 30 unit members, ≥ 50 in total if mixed (社团条例 Art. 10(1))`,
      });
    }
  }
  if (f.form === 'FOUNDATION' && !f.foundationType) {
    v.push({ error: RegistrationErrors.FOUNDATION_TYPE_REQUIRED, field: 'foundationType', rule: 'foundationType', message: 'a foundation is PUBLIC or NON_PUBLIC fundraising (基金会条例 Art. 3)' });
  }
  const min = minimumFundsFen(f.form, f.registeringAuthority, f.foundationType);
  if (min && f.registeredCapitalFen < min.fen) {
    v.push({ error: RegistrationErrors.FUNDS_BELOW_MINIMUM, field: 'registeredCapitalFen', rule: 'minimumFunds', message: `${f.registeredCapitalFen} fen < ${min.fen} fen: ${min.rule}` });
  } else if (!min && f.registeredCapitalFen <= 0) {
    v.push({ error: RegistrationErrors.FUNDS_BELOW_MINIMUM, field: 'registeredCapitalFen', rule: 'lawfulProperty', message: 'start-up capital must be positive: lawful property suited to the activity (民非条例 Art. 8(4))' });
  }
  return v;
}

/** Throws the error of the first failed condition (REFUSED, 422); every failure is listed in `errors`. */
export function assertFoundingConditions(f: FoundingFacts): void {
  const violations = foundingViolations(f);
  if (violations.length === 0) return;
  const first = violations[0];
  throw new first.error(violations.map((x) => `${x.field}: ${x.message}`).join('; '), {
    violations: violations.map(({ field, rule, message }) => ({ field, rule, message })),
  });
}
