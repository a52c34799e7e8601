import { FUNCTION_STAGES, type FunctionStage, type KindOfAct } from '@sop/contracts';
import { FunctionTransferErrors } from './function-transfer.errors';

/** One move of a catalogue item, with who and why (issue 12 item 1). */
export interface StageMove {
  from: FunctionStage | null;
  to: FunctionStage;
  legalBasis: string | null;
  reason: string;
  movedBy: string;
  movedAt: string;
  eventId: string;
}

/** An item of a department's catalogue of transferable functions (regulations §8 item 1). */
export interface FunctionCatalogueItem {
  id: string;
  departmentUnitId: string;
  departmentName: string;
  jurisdiction: string;
  /** The function area the concentration watch groups by (e.g. MARKET_ACCESS, URBAN_APPEARANCE). */
  functionArea: string;
  title: string;
  kindOfAct: KindOfAct;
  legalBasis: string | null;
  stage: FunctionStage;
  revision: number;
  history: StageMove[];
}

export const ONE_STAGE_RULE = 'one stage at a time: IDENTIFIED → PILOT → TRANSFERRED → UNDERTAKEN, or REVOKED (regulations §8: "one mature, one transferred, one undertaken")';
export const LEGAL_BASIS_RULE = 'functions that need legal authorization are not transferred ahead of it: no legal basis, no move past IDENTIFIED (regulations §8; issue 12)';

const NEXT: Record<FunctionStage, FunctionStage | null> = { IDENTIFIED: 'PILOT', PILOT: 'TRANSFERRED', TRANSFERRED: 'UNDERTAKEN', UNDERTAKEN: null, REVOKED: null };

/** The stages an item may move to from `stage`. */
export function allowedMoves(stage: FunctionStage): FunctionStage[] {
  if (stage === 'REVOKED') return [];
  const next = NEXT[stage];
  return next ? [next, 'REVOKED'] : ['REVOKED'];
}

/**
 * The item after moving to `to`. A legal basis given with the move is recorded (it may be supplied on the way out of
 * IDENTIFIED); without one on record, the item cannot pass IDENTIFIED. Revocation (take-back) needs its legal basis too.
 */
export function moveStage(item: FunctionCatalogueItem, to: FunctionStage, move: Omit<StageMove, 'from' | 'to'>): FunctionCatalogueItem {
  if (!FUNCTION_STAGES.includes(to)) throw new RangeError(`unknown stage ${to}`);
  if (item.stage === 'REVOKED') throw new FunctionTransferErrors.ITEM_REVOKED(`catalogue item ${item.id} was revoked`, { field: 'to', rule: ONE_STAGE_RULE });
  const allowed = allowedMoves(item.stage);
  if (!allowed.includes(to))
    throw new FunctionTransferErrors.STAGE_SKIPPED(`catalogue item ${item.id} is ${item.stage}; it moves to ${allowed.join(' or ')}, not ${to}`, {
      field: 'to',
      rule: ONE_STAGE_RULE,
      extensions: { stage: item.stage, allowed },
    });
  const legalBasis = move.legalBasis?.trim() || item.legalBasis;
  if (!legalBasis && to !== 'REVOKED')
    throw new FunctionTransferErrors.NO_LEGAL_BASIS(`catalogue item ${item.id} has no legal basis: it stays IDENTIFIED`, { field: 'legalBasis', rule: LEGAL_BASIS_RULE });
  if (to === 'REVOKED' && !move.legalBasis?.trim())
    throw new FunctionTransferErrors.NO_LEGAL_BASIS(`a take-back of catalogue item ${item.id} names its legal basis`, { field: 'legalBasis', rule: 'a take-back gives reasons and its legal basis (issue 12 item 5)' });
  const recorded: StageMove = { ...move, legalBasis: move.legalBasis?.trim() || null, from: item.stage, to };
  return { ...item, stage: to, legalBasis, revision: item.revision + 1, history: [...item.history, recorded] };
}

/** Stages at which agreements may be concluded for the item. */
export const AGREEMENT_STAGES: readonly FunctionStage[] = ['PILOT', 'TRANSFERRED', 'UNDERTAKEN'];
