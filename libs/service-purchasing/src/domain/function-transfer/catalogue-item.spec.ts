import { allowedMoves, moveStage, type FunctionCatalogueItem } from './catalogue-item';

const item = (over: Partial<FunctionCatalogueItem> = {}): FunctionCatalogueItem => ({
  id: 'i-1',
  departmentUnitId: 'unit-dc-samr',
  departmentName: '东城区市场监督管理局',
  jurisdiction: '110101',
  functionArea: 'MARKET_ACCESS',
  title: '营业执照申请初审',
  kindOfAct: 'FIRST_REVIEW',
  legalBasis: null,
  stage: 'IDENTIFIED',
  revision: 1,
  history: [],
  ...over,
});
const move = (legalBasis: string | null = null) => ({ legalBasis, reason: '试点', movedBy: 'officer-1', movedAt: '2026-03-02T00:00:00.000Z', eventId: 'e' });

describe('catalogue item stages (regulations §8: one stage at a time, legal basis first)', () => {
  it('moves through every stage one at a time once a legal basis is on record', () => {
    let i = moveStage(item(), 'PILOT', move('《优化营商环境条例》'));
    expect(i.legalBasis).toBe('《优化营商环境条例》');
    i = moveStage(i, 'TRANSFERRED', move());
    i = moveStage(i, 'UNDERTAKEN', move());
    expect(i.stage).toBe('UNDERTAKEN');
    expect(i.history.map((h) => `${h.from}>${h.to}`)).toEqual(['IDENTIFIED>PILOT', 'PILOT>TRANSFERRED', 'TRANSFERRED>UNDERTAKEN']);
    expect(i.revision).toBe(4);
    i = moveStage(i, 'REVOKED', move('委托协议第十二条'));
    expect(allowedMoves(i.stage)).toEqual([]);
    expect(() => moveStage(i, 'PILOT', move('x'))).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.ITEM_REVOKED' }));
  });

  it('refuses to pass IDENTIFIED without a legal basis, naming the rule', () => {
    expect(() => moveStage(item(), 'PILOT', move())).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.NO_LEGAL_BASIS', field: 'legalBasis' }));
    expect(() => moveStage(item(), 'PILOT', move('   '))).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.NO_LEGAL_BASIS' }));
  });

  it('refuses a skipped stage and names the allowed ones', () => {
    expect(() => moveStage(item({ legalBasis: 'x' }), 'TRANSFERRED', move())).toThrow(
      expect.objectContaining({ code: 'FUNCTION_TRANSFER.STAGE_SKIPPED', extensions: expect.objectContaining({ stage: 'IDENTIFIED', allowed: ['PILOT', 'REVOKED'] }) }),
    );
  });

  it('a take-back (REVOKED) needs its own legal basis, from any stage', () => {
    expect(() => moveStage(item({ legalBasis: 'x' }), 'REVOKED', move())).toThrow(expect.objectContaining({ code: 'FUNCTION_TRANSFER.NO_LEGAL_BASIS' }));
    expect(moveStage(item(), 'REVOKED', move('撤回决定')).stage).toBe('REVOKED');
  });
});
