import { civilDateOf } from '@sop/util';
import { qualificationInForce, type UndertakerQualification } from '../../../domain/function-transfer/qualification';

/** A qualification as the public reads it (issue 12 item 8), with whether it is in force today (Beijing date of `now`). */
export function qualificationView(q: UndertakerQualification, now: Date) {
  const { revision: _r, ...rest } = q;
  return { ...rest, inForce: qualificationInForce(q, civilDateOf(now)), asOfDate: civilDateOf(now) };
}
