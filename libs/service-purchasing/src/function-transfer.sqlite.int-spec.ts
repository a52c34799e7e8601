import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { allTopicSpecs, GradeAwarded, OrganizationRegistered, type GradeAwardedV1 } from '@sop/contracts';
import { startServiceContext } from '@sop/http';
import { buildCloudEvent, dataschemaOf, EventChain, InProcessTransport } from '@sop/messaging';
import { waitFor } from '@sop/testing';
import { MovableClock } from '@sop/util';
import { AgreementTakeBack } from './application/function-transfer/agreements/take-back.use-case';
import { TransferAgreements } from './application/function-transfer/agreements/transfer-agreements.use-cases';
import { TransferCases } from './application/function-transfer/cases/transfer-cases.use-cases';
import { FunctionCatalogue } from './application/function-transfer/catalogue/catalogue-items.use-cases';
import { ConcentrationReport } from './application/function-transfer/concentration/concentration-report.use-case';
import { UndertakerQualifications } from './application/function-transfer/qualifications/undertaker-qualifications.use-cases';
import { PurchasingOrgans } from './application/organs/purchasing-organs.use-cases';
import { SupplierGradeStore, SupplierStore } from './application/suppliers/suppliers.ports';
import { ServicePurchasingModule } from './service-purchasing.module';
import { organizationRegisteredData } from './test-support/organization-registered.fixture';

/** The transfer of government functions in embedded mode: SQLite (no row locks: one writer) and the in-process bus. */
describe('service purchasing function transfer on SQLite (embedded mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'purchasing-ft-sqlite-'));
  const transport = new InProcessTransport(join(dir, 'bus.sqlite'));
  const clock = new MovableClock(new Date('2026-03-02T02:00:00.000Z'));
  const finance: Principal = { subject: 'finance-bj', roles: ['finance-officer'], jurisdiction: '110000' };
  const department: Principal = { subject: 'officer', roles: ['purchaser'], jurisdiction: '110108', unitId: 'unit-haidian-samr' };
  const registrar: Principal = { subject: 'registrar', roles: ['registrar'], jurisdiction: '110108' };
  const applicant: Principal = { subject: 'resident-1', roles: ['applicant'], jurisdiction: '110108' };
  const uscc = '52110108MJ0000018M';
  const rep: Principal = { subject: 'rep', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc };
  const saved = process.env['DATA_DIR'];
  const chain = EventChain.detached();
  let app: INestApplicationContext;

  beforeAll(async () => {
    process.env['DATA_DIR'] = dir;
    await transport.ensureTopics(allTopicSpecs());
    app = await startServiceContext([ServicePurchasingModule.register({ db: { type: 'sqlite', path: join(dir, 'purchasing.sqlite') }, transport, clock, migrateOnStart: true, createDatabase: false })]);
    await app.get(PurchasingOrgans).register({ unitId: 'unit-haidian-samr', name: '北京市海淀区市场监督管理局', kind: 'STATE_ORGAN', jurisdiction: '110108' }, finance);
    const registered = chain.next(buildCloudEvent('registration', dataschemaOf(OrganizationRegistered), { type: OrganizationRegistered.type, subject: uscc, data: organizationRegisteredData(uscc) }, clock.now()));
    await transport.publish([{ topic: OrganizationRegistered.topic, key: uscc, value: JSON.stringify(registered) }]);
    await waitFor(async () => (await app.get(SupplierStore).supplier(null, uscc)) ?? undefined, 30000, 'supplier projected');
    const grade: GradeAwardedV1 = { gradeId: randomUUID(), uscc, grade: '3A', score: 700, evaluatingAuthority: '110108', announcedAt: '2026-01-01T00:00:00.000Z', validFrom: '2026-01-01', validUntil: '2030-12-31', ruleVersion: 'evaluation/order-39@v1' };
    const graded = chain.next(buildCloudEvent('evaluation', dataschemaOf(GradeAwarded), { type: GradeAwarded.type, subject: uscc, data: grade }, clock.now()));
    await transport.publish([{ topic: GradeAwarded.topic, key: uscc, value: JSON.stringify(graded) }]);
    await waitFor(async () => ((await app.get(SupplierGradeStore).grades(null, uscc)).length ? true : undefined), 30000, 'grade projected');
  });

  afterAll(async () => {
    await app?.close();
    await transport.close();
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env['DATA_DIR'];
    else process.env['DATA_DIR'] = saved;
  });

  it('qualification, catalogue, agreement, cases, take-back and the concentration report; concurrent submissions and a take-back lose no case', async () => {
    const q = await app.get(UndertakerQualifications).grant(uscc, registrar);
    expect(q).toMatchObject({ status: 'ACTIVE', validTo: '2031-03-01', evaluation: { qualified: true } });
    const catalogue = app.get(FunctionCatalogue);
    const item = await catalogue.identify({ functionArea: 'COMMUNITY_SERVICE', title: '社区服务资格初审', kindOfAct: 'FIRST_REVIEW', legalBasis: null, reason: '试点' }, department);
    await expect(catalogue.move(item.id, { to: 'PILOT', legalBasis: null, reason: 'x' }, department)).rejects.toMatchObject({ code: 'FUNCTION_TRANSFER.NO_LEGAL_BASIS' });
    await catalogue.move(item.id, { to: 'PILOT', legalBasis: '区政府委托决定', reason: '试点' }, department);
    const agreement = await app.get(TransferAgreements).conclude(
      { itemId: item.id, uscc, area: '110108', mode: 'COMMISSIONED', procurementId: null, valueFen: 500_000, scope: '初审', serviceStandards: ['5个工作日'], termStart: '2026-03-02', termEnd: '2026-12-31', firstReviewWorkingDays: 5, supervisor: '登记注册科' },
      department,
    );
    const cases = app.get(TransferCases);
    const first = await cases.submit(agreement.id, { matterKind: 'M', subject: 's', description: 'd' }, applicant);
    expect(first.firstReviewDue).toBe('2026-03-09');
    await cases.firstReview(first.id, { recommendation: 'REFUSE', reasons: ['材料不全'], conditions: [] }, rep);
    expect((await cases.decide(first.id, { decision: 'APPROVED', reasons: ['补正后齐全'], conditions: [] }, department)).decision).toMatchObject({ overridesFirstReview: true });

    const results = await Promise.allSettled([
      ...[0, 1, 2].map(() => cases.submit(agreement.id, { matterKind: 'M', subject: 's', description: 'd' }, applicant)),
      app.get(AgreementTakeBack).takeBack(agreement.id, { action: 'REVOKED', forCause: true, reasons: ['违规收费'], legalBasis: '委托协议第十二条' }, department),
    ]);
    const takeBack = results[3];
    expect(takeBack.status).toBe('fulfilled');
    const all = (await cases.ofAgreement(agreement.id, false, department)).items;
    expect(all.filter((c) => c.status === 'IN_FIRST_REVIEW')).toEqual([]);
    expect(all).toHaveLength(1 + results.slice(0, 3).filter((r) => r.status === 'fulfilled').length);
    for (const r of results.slice(0, 3)) if (r.status === 'rejected') expect(r.reason.code).toBe('FUNCTION_TRANSFER.AGREEMENT_NOT_IN_FORCE');

    const report = await app.get(ConcentrationReport).report('110108');
    // The agreement is revoked: nothing is undertaken any more in the area.
    expect(report.areas).toEqual([]);
  });
});
