import { mkdtempSync, rmSync } from 'node:fs';
import { startServiceContext } from '@sop/http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@sop/auth';
import { allTopicSpecs } from '@sop/contracts';
import { InProcessTransport } from '@sop/messaging';
import { MovableClock } from '@sop/util';
import { InspectionUseCases } from './application/inspections/inspections.use-cases';
import { ListViewUseCases } from './application/list-view/list-view.use-cases';
import { RecordPenaltyUseCase } from './application/penalties/record-penalty.use-case';
import { CreditTimerScheduler } from './application/schedulers/credit-timer.scheduler';
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
});
