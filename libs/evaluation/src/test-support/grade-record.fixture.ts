import type { GradeRecord } from '../domain/grade';

/** A 4A grade announced in May 2026 under the 2026 measures (valid 2027–2031), ACTIVE; override what a test needs. */
export const gradeRecord = (over: Partial<GradeRecord> = {}): GradeRecord => ({
  gradeId: 'g-1',
  uscc: '52110108MJ0000018M',
  grade: '4A',
  awardedGrade: '4A',
  score: 920,
  evaluatingAuthority: '110108',
  announcedAt: '2026-05-01T00:00:00.000Z',
  validFrom: '2027-01-01',
  validUntil: '2031-12-31',
  status: 'ACTIVE',
  ruleVersion: 'evaluation/measures-2026@v1',
  replacesGradeId: null,
  supersededByGradeId: null,
  ...over,
});
