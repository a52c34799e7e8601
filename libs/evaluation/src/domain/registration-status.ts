/**
 * The organization's registration as evaluation follows it from registration's events: ACTIVE from
 * OrganizationRegistered, REVOKED on OrganizationRevoked (社团条例 Art. 29-31; 民非条例 Art. 24-25; 基金会条例
 * Art. 41-42), DEREGISTERED on OrganizationDeregistered (after liquidation). Only registered organizations are
 * evaluated (regulations §6; Order 39 Art. 6).
 */
export const REGISTRATION_STATUSES = ['ACTIVE', 'REVOKED', 'DEREGISTERED'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export type EndedRegistrationStatus = Exclude<RegistrationStatus, 'ACTIVE'>;

/** The cause of the verification case opened for a grade in force when the registration ends. */
export const VERIFICATION_CAUSE_OF_REGISTRATION_END: Record<EndedRegistrationStatus, string> = {
  REVOKED: 'REGISTRATION_REVOKED',
  DEREGISTERED: 'DEREGISTERED',
};

/**
 * The status after registration reported `reported`, or null when nothing changes: a revoked or deregistered
 * organization does not become ACTIVE again through these events, the same status reported twice changes nothing,
 * and deregistration is final (a revoked organization may still be deregistered afterwards).
 */
export function registrationStatusAfter(current: RegistrationStatus, reported: EndedRegistrationStatus): EndedRegistrationStatus | null {
  if (current === reported || current === 'DEREGISTERED') return null;
  return reported;
}
