import type { OrganizationForm } from '@sop/contracts';
import { NATIONAL_DIVISION, type DomainErrorClass, type FieldViolation } from '@sop/util';
import { RegistrationErrors } from './registration.errors';

/**
 * Statutory founding conditions checked on submission (regulations §1.1–1.3). Pure; amounts in fen.
 * Every application records FOUNDING_CONDITIONS_VERSION next to the regime policy version.
 */
/** v2: the name rules of MCA Order 69 (division, field, out-of-town chambers) and the approval reference for 中国/全国/中华. */
export const FOUNDING_CONDITIONS_VERSION = 'founding-conditions/national@v2';

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
  /**
   * Reference of the approval to use 中国/全国/中华 in the name (社团条例 Art. 10 para. 2: national groups only, with
   * approval under state rules; regulations §1.1). Absent or null: no approval.
   */
  nameApprovalReference?: string | null;
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

/**
 * Provincial-level divisions by the first two digits of the division code (GB/T 2260), with the short names a home
 * place is written with in an out-of-town chamber's name (e.g. 北京市浙江商会, regulations §1.1, MCA Order 69).
 */
export const PROVINCES: Readonly<Record<string, { name: string; short: string }>> = {
  '11': { name: '北京市', short: '北京' }, '12': { name: '天津市', short: '天津' }, '13': { name: '河北省', short: '河北' },
  '14': { name: '山西省', short: '山西' }, '15': { name: '内蒙古自治区', short: '内蒙古' }, '21': { name: '辽宁省', short: '辽宁' },
  '22': { name: '吉林省', short: '吉林' }, '23': { name: '黑龙江省', short: '黑龙江' }, '31': { name: '上海市', short: '上海' },
  '32': { name: '江苏省', short: '江苏' }, '33': { name: '浙江省', short: '浙江' }, '34': { name: '安徽省', short: '安徽' },
  '35': { name: '福建省', short: '福建' }, '36': { name: '江西省', short: '江西' }, '37': { name: '山东省', short: '山东' },
  '41': { name: '河南省', short: '河南' }, '42': { name: '湖北省', short: '湖北' }, '43': { name: '湖南省', short: '湖南' },
  '44': { name: '广东省', short: '广东' }, '45': { name: '广西壮族自治区', short: '广西' }, '46': { name: '海南省', short: '海南' },
  '50': { name: '重庆市', short: '重庆' }, '51': { name: '四川省', short: '四川' }, '52': { name: '贵州省', short: '贵州' },
  '53': { name: '云南省', short: '云南' }, '54': { name: '西藏自治区', short: '西藏' }, '61': { name: '陕西省', short: '陕西' },
  '62': { name: '甘肃省', short: '甘肃' }, '63': { name: '青海省', short: '青海' }, '64': { name: '宁夏回族自治区', short: '宁夏' },
  '65': { name: '新疆维吾尔自治区', short: '新疆' }, '71': { name: '台湾省', short: '台湾' }, '81': { name: '香港特别行政区', short: '香港' },
  '82': { name: '澳门特别行政区', short: '澳门' },
};
/** The four municipalities directly under the central government: every level's names start with the municipality. */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** The generic words that end an administrative-division name (省, 自治区, 市, 自治州, 地区, 盟, 县, 自治县, 旗, 区...). */
const DIVISION_NAME = /^[\u4e00-\u9fff]{1,10}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|州|盟|县|旗|区)/u;

/** The form word a name ends with (the longest that fits), or null. */
export function formWordOf(name: string, form: OrganizationForm): string | null {
  const words = [...FORM_WORDS[form]].sort((a, b) => b.length - a.length);
  return words.find((w) => name.endsWith(w) && name.length > w.length) ?? null;
}

/**
 * The administrative-division part a local name starts with (MCA Order 69: division + field + form word), or null:
 * the province's (or municipality's) full name where the authority is provincial or in a municipality, otherwise any
 * leading division name (…市, …州, …县, …区…; the register of division names is not kept here, only its shape).
 */
export function divisionPrefixOf(name: string, registeringAuthority: string): string | null {
  const province = PROVINCES[registeringAuthority.slice(0, 2)];
  if (province && name.startsWith(province.name)) {
    // A municipality's districts and counties follow the municipality: 北京市海淀区…
    const rest = name.slice(province.name.length);
    const lower = MUNICIPALITIES.has(registeringAuthority.slice(0, 2)) && registeringAuthority.slice(2) !== '0000' ? DIVISION_NAME.exec(rest)?.[0] : undefined;
    return province.name + (lower ?? '');
  }
  if (registeringAuthority.slice(2) === '0000' || MUNICIPALITIES.has(registeringAuthority.slice(0, 2))) return null;
  return DIVISION_NAME.exec(name)?.[0] ?? null;
}

/** The home place of an out-of-town chamber (异地商会), when the field part of a 商会 name is a province's name. */
function homeProvinceOf(field: string): string | null {
  for (const [code, p] of Object.entries(PROVINCES)) if (field === p.short || field === p.name) return code;
  return null;
}

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

  v.push(...nameViolations(f, national, name));
  if (f.form === 'FOUNDATION' && !national && f.registeringAuthority.slice(2) !== '0000') {
    v.push({
      error: RegistrationErrors.FOUNDATION_AUTHORITY_LEVEL,
      field: 'registeringAuthority',
      rule: 'foundationRegistrationLevel',
      message: 'foundations register only with the MCA (100000) or a provincial authority (基金会条例 Art. 6)',
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

/**
 * The name rules (社会组织名称管理办法, MCA Order 69; 社团条例 Art. 10 para. 2; regulations §1.1–1.2):
 *  - the name ends with its organization-form word (NAME_FORM_WORD);
 *  - a local name starts with its administrative division (NAME_DIVISION): the name of the province or municipality
 *    at provincial level and in the municipalities, a division name otherwise; 中国/全国/中华 in front stands for the
 *    national level and is judged by NAME_FORBIDDEN_WORD instead;
 *  - between division and form word comes the field (industry, membership composition) or, for foundations and
 *    social service organizations, the trade name (字号) and field (NAME_FIELD);
 *  - an out-of-town chamber (异地商会) is division + home place + 商会 (北京市浙江商会): a social group whose field is a
 *    province's name, which must be another province than the registering authority's (NAME_OUT_OF_TOWN_CHAMBER);
 *    a bare place name is a field only for a 商会;
 *  - 中国/全国/中华 only for national social groups and foundations (authority 100000), never for social service
 *    organizations, and only with the approval reference (NAME_FORBIDDEN_WORD).
 */
export function nameViolations(f: Pick<FoundingFacts, 'form' | 'registeringAuthority' | 'nameApprovalReference'>, national: boolean, name: string): FoundingViolation[] {
  const v: FoundingViolation[] = [];
  const words = FORM_WORDS[f.form];
  const formWord = formWordOf(name, f.form);
  const foundationWordMisused = f.form !== 'FOUNDATION' && name.endsWith('基金会');
  if (!formWord || foundationWordMisused) {
    v.push({
      error: RegistrationErrors.NAME_FORM_WORD,
      field: 'proposedName',
      rule: 'organizationFormWord',
      message: `a ${f.form} name ends with its organization-form word (${words.join('/')}) after the division and field (社会组织名称管理办法, MCA Order 69)`,
    });
  }
  const used = RESTRICTED_NAME_WORDS.filter((w) => name.includes(w));
  const nationalWordInFront = RESTRICTED_NAME_WORDS.find((w) => name.startsWith(w));
  if (used.length > 0) {
    if (f.form === 'SOCIAL_SERVICE_ORGANIZATION' || !national) {
      v.push({
        error: RegistrationErrors.NAME_FORBIDDEN_WORD,
        field: 'proposedName',
        rule: 'forbiddenWord',
        message: `"${used.join('", "')}" may be used only by national social groups and foundations with approval (社团条例 Art. 10 para. 2; regulations §1.2)`,
      });
    } else if (!f.nameApprovalReference?.trim()) {
      v.push({
        error: RegistrationErrors.NAME_FORBIDDEN_WORD,
        field: 'nameApprovalReference',
        rule: 'approvalReference',
        message: `a national name with "${used.join('", "')}" needs the approval under state rules; send its reference as nameApprovalReference (社团条例 Art. 10 para. 2)`,
      });
    }
  }
  let division: string | null = '';
  if (nationalWordInFront) division = nationalWordInFront;
  else if (!national) {
    division = divisionPrefixOf(name, f.registeringAuthority);
    if (!division) {
      const province = PROVINCES[f.registeringAuthority.slice(0, 2)];
      const expected = province && (f.registeringAuthority.slice(2) === '0000' || MUNICIPALITIES.has(f.registeringAuthority.slice(0, 2))) ? `"${province.name}"` : 'its administrative-division name';
      v.push({
        error: RegistrationErrors.NAME_DIVISION,
        field: 'proposedName',
        rule: 'administrativeDivision',
        message: `a local name starts with ${expected} (社会组织名称管理办法, MCA Order 69: division + field + form word)`,
      });
    }
  }
  if (formWord && !foundationWordMisused && division !== null) {
    const field = name.slice(division.length, name.length - formWord.length);
    const home = homeProvinceOf(field);
    if (home && formWord === '商会' && f.form === 'SOCIAL_GROUP') {
      if (home === f.registeringAuthority.slice(0, 2) || national) {
        v.push({
          error: RegistrationErrors.NAME_OUT_OF_TOWN_CHAMBER,
          field: 'proposedName',
          rule: 'outOfTownChamber',
          message: `an out-of-town chamber names a home place other than where it registers: division + home place + 商会, e.g. 北京市浙江商会 (社会组织名称管理办法, MCA Order 69)`,
        });
      }
    } else if (!field.trim() || home) {
      v.push({
        error: RegistrationErrors.NAME_FIELD,
        field: 'proposedName',
        rule: 'fieldOrTradeName',
        message:
          f.form === 'SOCIAL_GROUP'
            ? 'between the division and the form word a social group names its industry/field or membership composition (社会组织名称管理办法, MCA Order 69)'
            : `between the division and the form word a ${f.form} names its trade name (字号) and field (社会组织名称管理办法, MCA Order 69)`,
      });
    }
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
