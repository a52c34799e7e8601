import { mkdtempSync, rmSync } from 'node:fs';
import { startServiceContext } from '@sop/http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { allTopicSpecs } from '@sop/contracts';
import { InProcessTransport } from '@sop/messaging';
import { buildCivilAffairsUscc, civilDate, MovableClock } from '@sop/util';
import { InspectionUseCases } from './application/inspections/inspections.use-cases';
import { ListViewUseCases } from './application/list-view/list-view.use-cases';
import { RecordPenaltyUseCase } from './application/penalties/record-penalty.use-case';
import { CreditRuleSetUseCases } from './application/rule-sets/publish-credit-rule-set.use-case';
import { CreditRuleSetStore } from './application/rule-sets/rule-sets.ports';
import { CreditTimerScheduler } from './application/schedulers/credit-timer.scheduler';
import { CreditRecordQuery } from './application/credit-records/credit-record.query';
import { CreditSupervisionModule } from './credit-supervision.module';
import { CreditOrganizationOrmEntity } from './infrastructure/credit.orm-entities';
import { CreditProfileQuery } from './infrastructure/public-register/credit-profile.query';

/** The embedded mode's storage: the same migrations, timers (date parameters) and rebuild on SQLite. */
describe('credit supervision on SQLite (embedded mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'credit-sqlite-'));
  const transport = new InProcessTransport(join(dir, 'bus.sqlite'));
  const clock = new MovableClock(new Date('2026-01-05T00:00:00.000Z'));
  const officer: Principal = { subject: 'officer', roles: ['credit-officer'], jurisdiction: '110108' };
  const uscc = '52110108MJ0000018M';
  let app: INestApplicationContext;

  beforeAll(async () => {
    await transport.ensureTopics(allTopicSpecs());
    app = await startServiceContext([
        CreditSupervisionModule.register(
          { db: { type: 'sqlite', path: join(dir, 'credit.sqlite') }, transport, clock, migrateOnStart: true, createDatabase: false },
          { timerIntervalMs: 0 },
        ),
      ]);
    await app.get(DataSource).getRepository(CreditOrganizationOrmEntity).insert({
      uscc,
      name: '北京市海淀区社区服务中心',
      form: 'SOCIAL_SERVICE_ORGANIZATION',
      category: 'URBAN_RURAL_COMMUNITY_SERVICE',
      registeringAuthority: '110108',
      domicile: '北京市海淀区',
      registrationStatus: 'REGISTERED',
      registeredAt: new Date('2025-01-01T00:00:00Z'),
      updatedAt: new Date('2025-01-01T00:00:00Z'),
    });
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists on a warning, removes it after 6 months by the scheduler, notices and rebuilds work', async () => {
    const penalties = app.get(RecordPenaltyUseCase);
    const inspections = app.get(InspectionUseCases);
    const listView = app.get(ListViewUseCases);
    const scheduler = app.get(CreditTimerScheduler);
    await penalties.recordPenalty({ uscc, kind: 'WARNING', decidedAt: '2026-01-02T00:00:00.000Z', decidingBody: '北京市海淀区民政局', basis: '社团条例 Art. 30' }, officer);
    await inspections.issueRectificationNotice({ uscc, inspectedAt: '2026-01-03T00:00:00.000Z', findings: '账目不全', deadline: '2026-03-01' }, officer);
    // Updated for civil time and correction 4: the notice missed at 24:00 Beijing on 1 March is a new listing situation
    // that restarts the warning entry's clock, so its 6 months run from 2 March (Beijing) to 2 September 2026.
    clock.set(new Date('2026-09-02T15:59:59.999Z'));
    expect(await scheduler.runDueTimers(clock.now())).toEqual({ decisions: 2 }); // notice missed → listed, and the warning entry restarted
    clock.set(new Date('2026-09-02T16:00:00.000Z'));
    expect(await scheduler.runDueTimers(clock.now())).toEqual({ decisions: 1 }); // warning entry → removed
    const profile = await app.get(CreditProfileQuery).byUscc(uscc);
    expect(profile.lists.abnormalActivity.map((e) => [e.reason, e.status, e.exitReason])).toEqual([
      ['WARNING_OR_SMALL_FINE', 'EXITED', 'AUTO_AFTER_6_MONTHS'],
      ['RECTIFICATION_NOT_MET', 'ACTIVE', null],
    ]);
    expect(await scheduler.runDueTimers(clock.now())).toEqual({ decisions: 0 });
    expect(await listView.verifyListView()).toMatchObject({ identical: true });
    await listView.rebuildListView();
    expect(await listView.verifyListView()).toMatchObject({ identical: true, entries: 2 });
  });

  it('local rule sets on SQLite (issue §2, regulations §5.3): a published version is stored and listed, decides from its Beijing date for the organizations it covers, and a concurrent publication is 409', async () => {
    const ds = app.get(DataSource);
    const [before, after] = [buildCivilAffairsUscc('SOCIAL_GROUP', '310115', 17), buildCivilAffairsUscc('SOCIAL_GROUP', '310115', 25)];
    for (const u of [before, after])
      await ds.getRepository(CreditOrganizationOrmEntity).insert({
        uscc: u, name: `上海市浦东新区测试协会${u}`, form: 'SOCIAL_GROUP', category: 'OTHER', registeringAuthority: '310115', domicile: '上海市浦东新区',
        registrationStatus: 'REGISTERED', registeredAt: new Date('2025-01-01T00:00:00Z'), updatedAt: new Date('2025-01-01T00:00:00Z'),
      });
    const shanghai: Principal = { subject: 'officer-shanghai', roles: ['credit-officer'], jurisdiction: '310000' };
    const ruleSets = app.get(CreditRuleSetUseCases);
    clock.set(new Date('2026-10-01T00:00:00.000Z')); // 08:00 Beijing, 1 October
    const input = { jurisdiction: '310000', effectiveFrom: civilDate('2026-10-02'), jointMeasures: { ABNORMAL: ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'] as const, SERIOUS: [] as const }, source: 'test data' };
    const published = await ruleSets.publish({ ...input, jointMeasures: { ABNORMAL: [...input.jointMeasures.ABNORMAL], SERIOUS: [] } }, shanghai);
    expect(published).toMatchObject({ ruleVersion: 'credit-lists/310000@v1', version: 1 });
    // A concurrent publication (it read the versions before v1 was stored) gets the same number: 409, nothing stored.
    jest.spyOn(app.get(CreditRuleSetStore), 'localVersions').mockResolvedValueOnce([]);
    await expect(ruleSets.publish({ ...input, effectiveFrom: civilDate('2026-11-01'), jointMeasures: { ABNORMAL: [], SERIOUS: [] } }, shanghai)).rejects.toMatchObject({
      kind: 'CONFLICT',
      code: 'CREDIT.RULE_SET_VERSION_CONFLICT',
    });
    expect((await ruleSets.list()).map((v) => v.ruleVersion)).toEqual(['credit-lists/order-60@v1', 'credit-lists/310000@v1', 'credit-lists/510900@v1']);

    const warn = (u: string) => ({ uscc: u, kind: 'WARNING' as const, decidedAt: '2026-09-30T00:00:00.000Z', decidingBody: '上海市浦东新区民政局', basis: '社团条例 Art. 30' });
    const records = app.get(CreditRecordQuery);
    clock.set(new Date('2026-10-01T15:59:59.999Z')); // still 1 October in Beijing: the national rules
    await app.get(RecordPenaltyUseCase).recordPenalty(warn(before), shanghai);
    expect((await records.recordOf(before, shanghai)).jointMeasures).toMatchObject({ measures: ['NO_EVALUATION'], ruleVersion: 'credit-lists/order-60@v1' });
    clock.set(new Date('2026-10-01T16:00:00.000Z')); // 00:00 Beijing, 2 October: Shanghai's version
    await app.get(RecordPenaltyUseCase).recordPenalty(warn(after), shanghai);
    const record = await records.recordOf(after, shanghai);
    expect(record.jointMeasures).toMatchObject({ measures: ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'], ruleVersion: 'credit-lists/310000@v1' });
    expect(record.history.map((h) => [h.kind, h.ruleVersion])).toEqual([['ENTERED', 'credit-lists/310000@v1']]);
    expect(await app.get(ListViewUseCases).verifyListView()).toMatchObject({ identical: true });
  });
});
