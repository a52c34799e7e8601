import { jurisdictionCovers } from '@sop/util';
import type { Principal } from './roles';

/**
 * Object-level reach (issue 10): an object outside the caller's jurisdiction answers exactly as a missing one does
 * (404 with the object's own not-found code and the same detail), so a caller cannot probe which objects exist
 * elsewhere. `assertJurisdiction` (403) stays for what a caller names itself, such as the division of a report it
 * asks for or the authority it files with.
 */
export function assertWithinReach(principal: Principal, division: string, notFound: () => Error): void {
  if (!jurisdictionCovers(principal.jurisdiction, division)) throw notFound();
}
