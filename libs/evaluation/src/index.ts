export { EvaluationModule, EVALUATION_SERVICE, type EvaluationOptions } from './evaluation.module';
export { EvaluationErrors } from './domain/evaluation.errors';
