export { EvaluationModule, EVALUATION_SERVICE } from './evaluation.module';
