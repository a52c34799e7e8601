import { JointMeasuresChanged, type JointMeasuresChangedV1 } from '@sop/contracts';
import { buildCloudEvent, dataschemaOf, type CloudEvent, type Tx } from '@sop/messaging';
import { MovableClock } from '@sop/util';
import { gradeRecord } from '../../test-support/grade-record.fixture';
import { InMemoryCreditMeasuresStore, InMemoryGradeStore, InMemoryOrganizationStore, InMemoryVerificationCaseStore } from '../../test-support/in-memory-stores';
import { OpenVerificationCase } from '../verification-cases/open-verification-case';
import { ApplyJointMeasures } from './apply-joint-measures.use-case';

describe('JointMeasuresChanged → the measure set; GRADE_DOWNGRADE_REFERENCE puts a grade in force under verification (§5.3)', () => {
  const uscc = '52110108MJ0000018M';
  const now = new Date('2027-03-01T00:00:00.000Z');
  const tx = {} as Tx;
  const serious = ['KEY_SUPERVISION', 'GRADE_DOWNGRADE_REFERENCE', 'NO_EVALUATION'];
  let measures: InMemoryCreditMeasuresStore;
  let grades: InMemoryGradeStore;
  let cases: InMemoryVerificationCaseStore;
  let apply: ApplyJointMeasures;

  const changed = (list: string[], set: string[], effectiveFrom: string): CloudEvent<JointMeasuresChangedV1> =>
    buildCloudEvent(
      'credit-supervision',
      dataschemaOf(JointMeasuresChanged),
      { type: JointMeasuresChanged.type, subject: uscc, data: { uscc, lists: list, measures: set, effectiveFrom, ruleVersion: 'credit-lists/order-60@v1' } },
      now,
    );

  beforeEach(() => {
    measures = new InMemoryCreditMeasuresStore();
    grades = new InMemoryGradeStore();
    cases = new InMemoryVerificationCaseStore();
    apply = new ApplyJointMeasures(new InMemoryOrganizationStore(), measures, grades, new OpenVerificationCase(cases), new MovableClock(now));
  });

  it('records the set with its event; an older set arriving late is ignored, a newer one replaces it', async () => {
    const listed = changed(['ABNORMAL'], ['NO_EVALUATION'], '2027-02-01T00:00:00.000Z');
    await apply.execute(listed, tx);
    expect(measures.rows.get(uscc)).toMatchObject({ lists: ['ABNORMAL'], measures: ['NO_EVALUATION'], lastEventId: listed.id, receivedAt: now });
    await apply.execute(changed([], [], '2027-01-01T00:00:00.000Z'), tx);
    expect(measures.rows.get(uscc)?.lastEventId).toBe(listed.id);
    const lifted = changed([], [], '2027-02-15T00:00:00.000Z');
    await apply.execute(lifted, tx);
    expect(measures.rows.get(uscc)).toMatchObject({ measures: [], lastEventId: lifted.id });
    expect(cases.caseRows.size).toBe(0);
  });

  it('a grade in force gets one CREDIT_GRADE_DOWNGRADE_REFERENCE case citing each event once; the grade is not lowered', async () => {
    grades.gradeRows.push(gradeRecord({ uscc }));
    const first = changed(['SERIOUS'], serious, '2027-02-01T00:00:00.000Z');
    const second = changed(['SERIOUS'], serious, '2027-02-10T00:00:00.000Z');
    await apply.execute(first, tx);
    await apply.execute(first, tx);
    await apply.execute(second, tx);
    expect([...cases.caseRows.values()]).toEqual([
      expect.objectContaining({ gradeId: 'g-1', status: 'OPEN', cause: 'CREDIT_GRADE_DOWNGRADE_REFERENCE', evidence: [first.id, second.id], openedAt: now, ruleVersion: 'evaluation/measures-2026@v1' }),
    ]);
    expect(grades.gradeRows[0]).toMatchObject({ grade: '4A', status: 'ACTIVE' });
  });

  it('no case without the measure, and none without a grade in force', async () => {
    grades.gradeRows.push(gradeRecord({ uscc, gradeId: 'g-cancelled', status: 'CANCELLED' }));
    await apply.execute(changed(['SERIOUS'], serious, '2027-02-01T00:00:00.000Z'), tx);
    grades.gradeRows.push(gradeRecord({ uscc }));
    await apply.execute(changed(['ABNORMAL'], ['NO_EVALUATION'], '2027-02-02T00:00:00.000Z'), tx);
    expect(cases.caseRows.size).toBe(0);
  });
});
