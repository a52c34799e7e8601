import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { GradeAdjusted, GradeAwarded } from '@sop/contracts';
import type { ConsumedEventContext, EventOf } from '@sop/messaging';
import { SupplierGrades } from '../../application/suppliers/supplier-grades.use-cases';
import { PURCHASING_EVENTS } from './purchasing-events';

/** Evaluation's events: suppliers' grades, whose 3A+ in force is a priority reason (regulations §6, §7.2). */
@Controller()
export class EvaluationEventsHandler {
  constructor(private readonly grades: SupplierGrades) {}

  @EventPattern(GradeAwarded.type, PURCHASING_EVENTS)
  onGradeAwarded(@Payload() event: EventOf<typeof GradeAwarded>, @Ctx() ctx: ConsumedEventContext) {
    return this.grades.onGradeAwarded(event, ctx.tx);
  }

  @EventPattern(GradeAdjusted.type, PURCHASING_EVENTS)
  onGradeAdjusted(@Payload() event: EventOf<typeof GradeAdjusted>, @Ctx() ctx: ConsumedEventContext) {
    return this.grades.onGradeAdjusted(event, ctx.tx);
  }
}
