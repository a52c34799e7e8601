import type { EventContractDefinition } from '../shared/contract-types';
import { GradeAdjusted, GradeAwarded, GradeExpired } from './grade-events.v1';
import { PROCEDURE_CONTRACTS } from './procedure-events.v1';

export * from './grade-events.v1';
export * from './procedure-events.v1';

/** Event types the evaluation service publishes. */
export const EVALUATION_CONTRACTS: EventContractDefinition[] = [GradeAwarded, GradeAdjusted, GradeExpired, ...PROCEDURE_CONTRACTS];

/** Evaluation's topics, with explicit partition counts. */
export const EVALUATION_TOPICS: { topic: string; partitions: number }[] = [{ topic: 'evaluation.grade.v1', partitions: 3 }];
