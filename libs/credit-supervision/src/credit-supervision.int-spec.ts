import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { AnnualReportOverdue, type AnnualReportOverdueV1 } from '@sop/contracts';
import { OutboxMessageOrmEntity, type CloudEvent } from '@sop/messaging';
import { uniqueName, waitFor } from '@sop/testing';
import type { CreditRecordQuery } from './application/credit-records/credit-record.query';
import type { InspectionUseCases } from './application/inspections/inspections.use-cases';
import type { ListEntryUseCases } from './application/list-entries/list-entries.use-cases';
import type { ListViewUseCases } from './application/list-view/list-view.use-cases';
import type { ObjectionUseCases } from './application/objections/objections.use-cases';
import type { RecordPenaltyUseCase } from './application/penalties/record-penalty.use-case';
import type { CreditTimerScheduler } from './application/schedulers/credit-timer.scheduler';
import { creditOnMysqlAndKafka } from './test-support/credit-int.fixture';
import { publicProfileViolations } from './test-support/public-profile.validator';
import { listEventFromPublished } from './application/lists/list-event.mapping';
import { replay, type ListEntry, type ListEvent } from './domain/list-state';
import type { CreditProfileQuery } from './infrastructure/public-register/credit-profile.query';
import { CreditListEntryOrmEntity, CreditListEventOrmEntity } from './infrastructure/credit-lists.orm-entities';
import { RegisterExportService } from './infrastructure/public-register/register-export.service';
import { CreditExportJobOrmEntity, CreditOrganizationOrmEntity } from './infrastructure/credit.orm-entities';

/**
 * Whole credit timelines on real MySQL/MariaDB and Kafka: registration's events arrive over Kafka, the clock
 * moves across years, the scheduler's runDueTimers(now) decides, and the list view is rebuilt by replay.
 */
describe('credit supervision timelines (MySQL + Kafka)', () => {
  const f = creditOnMysqlAndKafka('credit', '2026-06-01T00:00:00.000Z');
  const { transport, clock, ours, runTag, at, register, entries, outboxTypes } = f;
  const publish = f.publish;
  let penalties: RecordPenaltyUseCase;
  let inspections: InspectionUseCases;
  let listEntries: ListEntryUseCases;
  let objections: ObjectionUseCases;
  let records: CreditRecordQuery;
  let listView: ListViewUseCases;
  let scheduler: CreditTimerScheduler;
  let profiles: CreditProfileQuery;
  let ds: DataSource;
  beforeAll(() => {
    ({ penalties, inspections, listEntries, objections, records, listView, scheduler, profiles, ds } = f);
  });

  const officer: Principal = { subject: 'officer-haidian', roles: ['credit-officer'], jurisdiction: '110108' };
  const shanghaiOfficer: Principal = { subject: 'officer-sh', roles: ['credit-officer'], jurisdiction: '310000' };
  const auditor: Principal = { subject: 'auditor-1', roles: ['auditor'], jurisdiction: '100000' };
  const rep = (uscc: string): Principal => ({ subject: `rep-${uscc}`, roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc });
  async function overdue(uscc: string, reportYear: number): Promise<CloudEvent<AnnualReportOverdueV1>> {
    return publish<AnnualReportOverdueV1>(AnnualReportOverdue, uscc, {
      uscc,
      registeringAuthority: '110108',
      reportYear,
      dueDate: `${reportYear + 1}-05-31`,
      detectedAt: clock.now().toISOString(),
      ruleVersion: 'annual-report/national@v1',
    });
  }

  it('overdue report → abnormal list (event id as evidence) → fulfilled → removal on application, due 5 working days after the verification', async () => {
    at('2026-06-01T00:00:00.000Z');
    const uscc = await register('北京市海淀区甲社区服务中心');
    const event = await overdue(uscc, 2025);
    const [entry] = await waitFor(async () => ((await entries(uscc)).length ? entries(uscc) : undefined), 30000, 'abnormal entry');
    expect(entry).toMatchObject({
      list: 'ABNORMAL',
      reason: 'ANNUAL_REPORT_OVERDUE',
      evidence: [event.id],
      status: 'ACTIVE',
      ruleVersion: 'credit-lists/order-60@v1',
      decidingAuthority: '110108',
      // 00:00 Beijing on 1 June, the day after the 31 May due date (was: when the event was detected, 08:00 Beijing).
      listedAt: '2026-05-31T16:00:00.000Z',
    });
    expect(await outboxTypes(uscc)).toEqual(['credit.list.entered', 'credit.joint-measures.changed']);

    at('2026-08-01T00:00:00.000Z');
    await listEntries.verifyRectification(entry.entryId, { evidence: ['annual-report-2025-submitted'] }, officer);
    // Updated (correction 3): the report was owed, so no automatic removal 6 months after the listing (it used to
    // leave on 1 December 2026).
    at('2026-12-03T00:00:00.000Z');
    await scheduler.runDueTimers(clock.now());
    expect((await entries(uscc))[0].status).toBe('ACTIVE');

    // Applied Friday 4 December; verified Monday 7 December 2026, 10:00 Beijing: Tue 8 … Mon 14 December (correction 2).
    at('2026-12-07T02:00:00.000Z');
    await listEntries.verifyRectification(entry.entryId, { evidence: ['application'], removalAppliedAt: '2026-12-04T02:00:00.000Z' }, officer);
    expect((await entries(uscc))[0]).toMatchObject({
      status: 'EXITED',
      exitReason: 'RECTIFIED',
      exitedAt: '2026-12-07T02:00:00.000Z',
      removalDeadline: '2026-12-14T16:00:00.000Z',
      removalDueOn: '2026-12-14',
      exitCalendarVersion: expect.stringMatching(/^cn-official-holidays@v\d+$/),
    });
    expect(await outboxTypes(uscc)).toEqual([
      'credit.list.entered',
      'credit.joint-measures.changed',
      'credit.list.rectification-recorded',
      'credit.list.exited',
      'credit.joint-measures.changed',
    ]);
    const profile = await profiles.byUscc(uscc);
    expect(profile.onAbnormalList).toBe(false);
    expect(profile.lists.abnormalActivity).toEqual([expect.objectContaining({ reason: 'ANNUAL_REPORT_OVERDUE', exitReason: 'RECTIFIED', removalDueOn: '2026-12-14', removedLate: false })]);
    expect(profile.information.map((i) => i.factType)).toEqual(['REGISTERED', 'ANNUAL_REPORT_OVERDUE']);
    // the relay publishes the list events to Kafka
    await waitFor(async () => {
      const rows = await ds.getRepository(OutboxMessageOrmEntity).find({ where: { messageKey: uscc } });
      return rows.every((r) => r.publishedAt) || undefined;
    }, 30000, 'credit events published');
  });

  it('re-occurrence restarts the clock; 2 full years → serious list; removal only after rectification and 2 clean years', async () => {
    at('2026-06-01T00:00:00.000Z');
    const uscc = await register('北京市海淀区乙社区服务中心');
    await overdue(uscc, 2025);
    await waitFor(async () => ((await entries(uscc)).length ? true : undefined), 30000, 'abnormal entry');

    at('2027-06-01T00:00:00.000Z');
    const second = await overdue(uscc, 2026);
    const [restarted] = await waitFor(async () => {
      const e = await entries(uscc);
      // From 00:00 Beijing on 1 June, the day after the due date, whenever the overdue event was detected (issue 9).
      return e[0]?.clockStartedAt === '2027-05-31T16:00:00.000Z' ? e : undefined;
    }, 30000, 'clock restarted');
    expect(restarted.evidence).toContain(second.id);
    expect(restarted.clockRestarts).toEqual(['2027-05-31T16:00:00.000Z']);

    at('2028-06-02T00:00:00.000Z'); // two years after the listing, but only one after the restart
    await scheduler.runDueTimers(clock.now());
    expect((await entries(uscc)).map((e) => e.status)).toEqual(['ACTIVE']);

    // 2 years from the restart end at 24:00 Beijing time on Friday 1 June 2029 (updated for civil time: was 00:00 UTC).
    at('2029-06-01T15:59:59.999Z');
    await scheduler.runDueTimers(clock.now());
    expect((await entries(uscc)).map((e) => e.status)).toEqual(['ACTIVE']);
    at('2029-06-05T00:00:00.000Z');
    await scheduler.runDueTimers(clock.now());
    const [abnormal, serious] = await entries(uscc);
    expect(abnormal).toMatchObject({ status: 'EXITED', exitReason: 'ESCALATED', exitedAt: '2029-06-01T16:00:00.000Z', exitCalendarVersion: expect.stringMatching(/^cn-official-holidays@v\d+$/) });
    expect(serious).toMatchObject({ list: 'SERIOUS', reason: 'ESCALATION_FROM_ABNORMAL', status: 'ACTIVE', listedAt: '2029-06-01T16:00:00.000Z', escalatedFromEntryId: abnormal.entryId });
    const record = await records.recordOf(uscc, auditor);
    expect(record.jointMeasures.measures).toEqual(['GRADE_DOWNGRADE_REFERENCE', 'KEY_SUPERVISION', 'NO_EVALUATION', 'NO_FUNDING', 'NO_HONOURS', 'NO_PURCHASE_OF_SERVICES']);
    expect((await outboxTypes(uscc)).filter((t) => t === 'credit.list.escalated')).toHaveLength(1);

    // 2 clean years from 2 June 2029 (Beijing) end at 24:00 Beijing time on Monday 2 June 2031.
    at('2031-06-02T15:59:59.999Z');
    await expect(listEntries.removeFromSeriousList(serious.entryId, officer)).rejects.toMatchObject({ kind: 'REFUSED', code: 'CREDIT.REMOVAL_NOT_YET_ELIGIBLE' });
    at('2031-06-02T16:00:00.000Z');
    await expect(listEntries.removeFromSeriousList(serious.entryId, officer)).rejects.toMatchObject({ kind: 'REFUSED', code: 'CREDIT.RECTIFICATION_OUTSTANDING' });
    await expect(listEntries.removeFromSeriousList(serious.entryId, auditor)).rejects.toMatchObject({ kind: 'FORBIDDEN' });
    await listEntries.verifyRectification(serious.entryId, { evidence: ['reports-filed'] }, officer);
    at('2031-06-03T00:00:00.000Z');
    await listEntries.removeFromSeriousList(serious.entryId, officer);
    expect((await entries(uscc))[1]).toMatchObject({ status: 'EXITED', exitReason: 'CLEAN_2_YEARS' });

    const now = await profiles.byUscc(uscc);
    expect(now.onSeriousList).toBe(false);
    expect(now.jointMeasures).toEqual([]);
    const then = await profiles.byUscc(uscc, new Date('2030-01-01T00:00:00.000Z'));
    expect(then.onSeriousList).toBe(true);
    expect(then.lists.seriousIllegalDishonest[0]).toMatchObject({ status: 'ACTIVE', reason: 'ESCALATION_FROM_ABNORMAL' });
    expect(then.jointMeasures).toContain('NO_FUNDING');
  });

  it('penalties list by amount in fen; an upheld objection annuls the entry by an event and the history keeps both', async () => {
    at('2031-07-01T00:00:00.000Z');
    const uscc = await register('北京市海淀区丙社区服务中心');
    const warning = { uscc, kind: 'WARNING' as const, decidedAt: '2031-06-30T00:00:00.000Z', decidingBody: '北京市海淀区民政局', basis: '社团条例 Art. 30' };
    await expect(penalties.recordPenalty(warning, shanghaiOfficer)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'CREDIT.ORGANIZATION_NOT_FOUND' });
    await expect(penalties.recordPenalty({ ...warning, kind: 'FINE' }, officer)).rejects.toMatchObject({ kind: 'INVALID', code: 'CREDIT.PENALTY_INVALID' });
    await penalties.recordPenalty(warning, officer);
    const [entry] = await entries(uscc);
    expect(entry).toMatchObject({ list: 'ABNORMAL', reason: 'WARNING_OR_SMALL_FINE', rectificationRequired: false });

    const other = await register('北京市海淀区丁社区服务中心');
    await expect(objections.fileObjection(entry.entryId, '不是我们', rep(other))).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'CREDIT.NOT_OWN_ORGANIZATION' });
    const objection = await objections.fileObjection(entry.entryId, '警告已被行政复议撤销', rep(uscc));
    await expect(objections.fileObjection(entry.entryId, 'again', rep(uscc))).rejects.toMatchObject({ kind: 'CONFLICT', code: 'CREDIT.OBJECTION_PENDING' });
    await expect(objections.decideObjection(objection.id, { upheld: true, reason: 'x' }, auditor)).rejects.toMatchObject({ kind: 'FORBIDDEN' });
    at('2031-07-02T00:00:00.000Z');
    await objections.decideObjection(objection.id, { upheld: true, reason: '复议决定撤销警告' }, officer);

    expect((await entries(uscc))[0]).toMatchObject({ status: 'ANNULLED', annulledByObjectionId: objection.id });
    const record = await records.recordOf(uscc, rep(uscc));
    expect(record.history.map((h) => h.kind)).toEqual(['ENTERED', 'ANNULLED']);
    expect(record.objections[0]).toMatchObject({ status: 'UPHELD' });
    expect(record.jointMeasures.measures).toEqual([]);
    expect((await profiles.byUscc(uscc)).lists.abnormalActivity).toEqual([]);
    await expect(records.recordOf(uscc, rep(other))).rejects.toMatchObject({ kind: 'FORBIDDEN' });

    // Bitemporal read: what the public saw on 1 July 2031 (knownAt before the annulment was recorded on 2 July) shows
    // the annulled entry as it stood, with its joint measures.
    const thatDay = new Date('2031-07-01T12:00:00.000Z');
    const seen = await profiles.byUscc(uscc, undefined, thatDay);
    expect(seen).toMatchObject({ knownAt: thatDay.toISOString(), asOf: thatDay.toISOString(), onAbnormalList: true });
    // §5.3: a Haidian organization is under the national rules, which bar purchases for the serious list only.
    expect([...seen.jointMeasures].sort()).toEqual(['NO_EVALUATION']);
    expect(seen.lists.abnormalActivity).toEqual([expect.objectContaining({ entryId: entry.entryId, status: 'ACTIVE', reason: 'WARNING_OR_SMALL_FINE' })]);
    expect(seen.penalties).toEqual([expect.objectContaining({ kind: 'WARNING' })]);
    // The annulment takes effect when decided (2 July): effective 2 July, knowing what was recorded by 1 July, the
    // entry still shows; with today's knowledge it does not.
    const decided = new Date('2031-07-02T00:00:00.000Z');
    expect((await profiles.byUscc(uscc, decided, thatDay)).lists.abnormalActivity).toEqual([expect.objectContaining({ entryId: entry.entryId, status: 'ACTIVE' })]);
    expect((await profiles.byUscc(uscc, decided)).lists.abnormalActivity).toEqual([]);
    expect((await profiles.byUscc(uscc, undefined, decided)).lists.abnormalActivity).toEqual([]);
    // Before the record started (registration recorded at 00:00 on 1 July), and in the future: refused.
    await expect(profiles.byUscc(uscc, new Date('2031-07-01T12:00:00.000Z'), new Date('2031-06-30T23:00:00.000Z'))).rejects.toMatchObject({ code: 'CREDIT.ORGANIZATION_NOT_FOUND' });
    await expect(profiles.byUscc(uscc, undefined, new Date('2031-07-02T00:00:00.001Z'))).rejects.toMatchObject({ code: 'CREDIT.KNOWN_AT_IN_FUTURE' });

    // a fine of RMB 50,000 (5,000,000 fen) → serious list (§5.2 (4))
    await penalties.recordPenalty({ ...warning, kind: 'FINE', amountFen: 5_000_000, decidedAt: '2031-07-01T00:00:00.000Z' }, officer);
    expect((await entries(uscc)).find((e) => e.list === 'SERIOUS')).toMatchObject({ reason: 'LARGE_FINE', status: 'ACTIVE' });
    expect((await profiles.byUscc(uscc)).penalties.map((p) => [p.kind, p.amountFen])).toEqual([['WARNING', null], ['FINE', 5_000_000]]);
  });

  it('a rectification notice not met by its deadline lists the organization (notice id as evidence)', async () => {
    at('2031-08-01T00:00:00.000Z');
    const uscc = await register('北京市海淀区戊社区服务中心');
    // The deadline is a Beijing date (updated for civil time: it was an instant): met until 24:00 Beijing time on
    // 31 August 2031, not met from 00:00 Beijing on 1 September (16:00 UTC on 31 August).
    await expect(inspections.issueRectificationNotice({ uscc, inspectedAt: '2031-07-30T00:00:00.000Z', findings: '账目不全', deadline: '2031-07-29' }, officer)).rejects.toMatchObject({
      code: 'CREDIT.NOTICE_DEADLINE',
    });
    const notice = await inspections.issueRectificationNotice({ uscc, inspectedAt: '2031-07-30T00:00:00.000Z', findings: '账目不全', deadline: '2031-08-31' }, officer);
    expect(notice).toMatchObject({ deadlineOn: '2031-08-31', deadline: new Date('2031-08-31T16:00:00.000Z') });
    await scheduler.runDueTimers(clock.now());
    expect(await entries(uscc)).toEqual([]);
    at('2031-08-31T15:59:59.999Z');
    await scheduler.runDueTimers(clock.now());
    expect(await entries(uscc)).toEqual([]);
    at('2031-08-31T16:00:00.000Z');
    await expect(inspections.recordNoticeMet(notice.id, officer)).rejects.toMatchObject({ code: 'CREDIT.NOTICE_DEADLINE_PASSED' });
    await scheduler.runDueTimers(clock.now());
    await expect(inspections.recordNoticeMet(notice.id, officer)).rejects.toMatchObject({ code: 'CREDIT.NOTICE_CLOSED' });
    expect(await entries(uscc)).toEqual([expect.objectContaining({ reason: 'RECTIFICATION_NOT_MET', evidence: [notice.id], listedAt: '2031-08-31T16:00:00.000Z' })]);

    // A notice met before 24:00 Beijing on its deadline closes without a listing.
    const met = await inspections.issueRectificationNotice({ uscc, inspectedAt: '2031-08-31T16:00:00.000Z', findings: '制度未公示', deadline: '2031-09-15' }, officer);
    at('2031-09-15T15:59:59.999Z');
    expect(await inspections.recordNoticeMet(met.id, officer)).toMatchObject({ status: 'MET', deadlineOn: '2031-09-15' });
  });

  it('search, export (JSON Lines with progress) and a rebuild of the lists from the event history give identical results', async () => {
    const found = await profiles.search(`乙社区服务中心${runTag}`, 10);
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ onSeriousList: false });

    const before = (await ds.getRepository(CreditListEntryOrmEntity).find({ order: { entryId: 'ASC' } })).map((r) => ({ ...r }));
    expect(before.length).toBeGreaterThan(0);
    expect(await listView.verifyListView()).toMatchObject({ identical: true, differing: [] });
    await ds.query('DELETE FROM credit_list_entry');
    await listView.rebuildListView();
    const after = (await ds.getRepository(CreditListEntryOrmEntity).find({ order: { entryId: 'ASC' } })).map((r) => ({ ...r }));
    expect(after).toEqual(before);

    // The published history is enough: replaying credit.list.v1 from Kafka gives the same lists.
    const fromKafka: ListEvent[] = [];
    const subscription = await transport.subscribe({ groupId: uniqueName('credit-int-replay'), topics: ['credit.list.v1'] }, async (message) => {
      const event = JSON.parse(message.value?.toString('utf8') ?? '{}') as CloudEvent<object>;
      if (!ours.has(event.subject)) return;
      const listEvent = listEventFromPublished(event.type, event.data);
      if (listEvent) fromKafka.push(listEvent);
    });
    try {
      const logged = (await ds.getRepository(CreditListEventOrmEntity).find()).filter((e) => ours.has(e.uscc)).length;
      await waitFor(() => fromKafka.length >= logged || undefined, 60000, `${logged} list events consumed from Kafka`);
      expect(fromKafka).toHaveLength(logged);
    } finally {
      await subscription.stop();
    }
    const view = after.filter((r) => ours.has(r.uscc)).map((r) => JSON.parse(r.document) as ListEntry);
    const replayed = replay(fromKafka);
    expect(Object.values(replayed).sort((a, b) => (a.entryId < b.entryId ? -1 : 1))).toEqual(view);

    const exports = f.app.get(RegisterExportService);
    const job = await exports.start();
    const done = await exports.waitFor(job.id);
    expect(done).toMatchObject({ status: 'DONE', processed: done.total });
    const lines = readFileSync(await exports.file(job.id), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(done.total);
    expect(JSON.stringify(lines)).not.toContain('王五'); // no personal data
    // Every line conforms to the published data dictionary (GET /register/schema).
    expect(lines.flatMap((l) => publicProfileViolations(l))).toEqual([]);
  });

  it('export jobs live in the database: a start while another instance exports returns that job; a job whose process died reads as interrupted', async () => {
    const exports = f.app.get(RegisterExportService);
    // An export another instance is running (fresh heartbeat): starting one returns it instead of a second run.
    const elsewhere = randomUUID();
    const now = clock.now();
    await ds.getRepository(CreditExportJobOrmEntity).insert({ id: elsewhere, status: 'RUNNING', total: 10, processed: 2, startedAt: now, heartbeatAt: now, finishedAt: null, error: null, filePath: '/nonexistent/y.jsonl' });
    expect(await exports.start()).toMatchObject({ id: elsewhere, status: 'RUNNING', processed: 2 });
    await ds.getRepository(CreditExportJobOrmEntity).update({ id: elsewhere }, { status: 'DONE', finishedAt: now });
    // Concurrent starts: the unique running slot admits one; the others answer with its job.
    const racing = await Promise.all([exports.start(), exports.start(), exports.start()]);
    expect(new Set(racing.map((j) => j.id)).size).toBe(1);
    await exports.waitFor(racing[0].id);

    // A job another process left RUNNING, its heartbeat older than a minute.
    const orphan = randomUUID();
    const beat = new Date(clock.now().getTime() - 61_000);
    await ds.getRepository(CreditExportJobOrmEntity).insert({ id: orphan, status: 'RUNNING', total: 10, processed: 4, startedAt: beat, heartbeatAt: beat, finishedAt: null, error: null, filePath: '/nonexistent/x.jsonl' });
    expect(await exports.get(orphan)).toMatchObject({ status: 'FAILED', processed: 4, error: expect.stringContaining('interrupted') });
    await expect(exports.file(orphan)).rejects.toMatchObject({ code: 'CREDIT.EXPORT_NOT_READY' });
    await expect(exports.get(randomUUID())).rejects.toMatchObject({ code: 'CREDIT.EXPORT_NOT_FOUND' });

    // A finished export older than the retention period (7 days): the next start deletes its file; it reads EXPIRED.
    const old = randomUUID();
    const oldFile = join(tmpdir(), `sop-credit-export-test-${old}.jsonl`);
    writeFileSync(oldFile, '{}\n');
    const eightDaysAgo = new Date(clock.now().getTime() - 8 * 86_400_000);
    await ds.getRepository(CreditExportJobOrmEntity).insert({ id: old, status: 'DONE', total: 1, processed: 1, startedAt: eightDaysAgo, heartbeatAt: eightDaysAgo, finishedAt: eightDaysAgo, error: null, filePath: oldFile });
    await exports.waitFor((await exports.start()).id);
    expect(existsSync(oldFile)).toBe(false);
    expect(await exports.get(old)).toMatchObject({ status: 'EXPIRED' });
    await expect(exports.file(old)).rejects.toMatchObject({ kind: 'GONE', code: 'CREDIT.EXPORT_EXPIRED' });
  });

  it('exports the register as it stood when the export started, while it changes underneath (one MySQL read snapshot)', async () => {
    const exports = f.app.get(RegisterExportService);
    const before = await ds.getRepository(CreditOrganizationOrmEntity).count();
    // While the first batch is being written, a new organization arrives (its USCC sorts after every cursor) and
    // an existing one is renamed: neither shows in this export.
    const [first] = await ds.getRepository(CreditOrganizationOrmEntity).find({ order: { uscc: 'ASC' }, take: 1 });
    const late = { ...first, uscc: 'Y' + first.uscc.slice(1), name: `晚到的组织${runTag}` };
    const original = profiles.profiles.bind(profiles);
    const spy = jest.spyOn(profiles, 'profiles').mockImplementationOnce(async (...args) => {
      await ds.getRepository(CreditOrganizationOrmEntity).insert(late);
      await ds.getRepository(CreditOrganizationOrmEntity).update({ uscc: first.uscc }, { name: `改名${runTag}` });
      return original(...args);
    });
    try {
      const job = await exports.start();
      const done = await exports.waitFor(job.id);
      const lines = readFileSync(await exports.file(job.id), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(done).toMatchObject({ status: 'DONE', processed: before });
      expect(lines.map((l) => l.uscc)).not.toContain(late.uscc);
      expect(lines.find((l) => l.uscc === first.uscc).name).toBe(first.name);
    } finally {
      spy.mockRestore();
      await ds.getRepository(CreditOrganizationOrmEntity).delete({ uscc: late.uscc });
      await ds.getRepository(CreditOrganizationOrmEntity).update({ uscc: first.uscc }, { name: first.name });
    }
  });
});
