export { EvaluationModule, EVALUATION_SERVICE } from './evaluation.module';
export { EvaluationErrors } from './domain/evaluation.errors';
