import { planChangeRevocation, type HistoryVersion } from './change-revocation';
import type { RegisterEntry } from './organization-lifecycle';

const entry = (over: Partial<RegisterEntry> = {}) => ({ name: '北京市海淀区乙社区服务中心', domicile: '新址', legalRepresentativeName: '李四', registeredCapitalFen: 100, ...over }) as unknown as RegisterEntry;
const v = (seq: number, changeType: HistoryVersion['changeType'], details: Record<string, unknown> | null = null): HistoryVersion => ({ seq, changeType, effectiveAt: new Date(`2026-0${seq}-01T00:00:00Z`), details });

describe('revoking a change registration (撤销变更登记; regulations §5.2 trigger 2)', () => {
  const history = [
    v(1, 'REGISTERED'),
    v(2, 'CHANGED', { changes: [{ field: 'domicile', from: '旧址', to: '新址' }, { field: 'legalRepresentativeName', from: '张三', to: '李四' }] }),
    v(3, 'CHANGED', { changes: [{ field: 'registeredCapitalFen', from: '50', to: '100' }] }),
  ];

  it('restores each field the change set, from the changed value back to the one before', () => {
    expect(planChangeRevocation(history, 2, entry()).restored).toEqual([
      { field: 'domicile', from: '新址', to: '旧址' },
      { field: 'legalRepresentativeName', from: '李四', to: '张三' },
    ]);
  });

  it('refuses what is not a change, a change already revoked, and one whose field a later change set again', () => {
    expect(() => planChangeRevocation(history, 1, entry())).toThrow(expect.objectContaining({ code: 'REGISTRATION.CHANGE_NOT_FOUND' }));
    expect(() => planChangeRevocation([...history, v(4, 'CHANGE_REVOKED', { revokedSeq: 2 })], 2, entry())).toThrow(expect.objectContaining({ code: 'REGISTRATION.CHANGE_ALREADY_REVOKED' }));
    const again = [...history, v(4, 'CHANGED', { changes: [{ field: 'domicile', from: '新址', to: '第三址' }] })];
    expect(() => planChangeRevocation(again, 2, entry({ domicile: '第三址' }))).toThrow(expect.objectContaining({ code: 'REGISTRATION.CHANGE_SUPERSEDED' }));
    // Once the later change is itself revoked, the earlier one can be.
    const undone = [...again, v(5, 'CHANGE_REVOKED', { revokedSeq: 4 })];
    expect(planChangeRevocation(undone, 2, entry()).restored).toHaveLength(2);
    // The register no longer holds the value the change set (e.g. an unrecorded correction): refused, never overwritten.
    expect(() => planChangeRevocation(history, 2, entry({ domicile: '别处' }))).toThrow(expect.objectContaining({ code: 'REGISTRATION.CHANGE_SUPERSEDED' }));
  });
});
