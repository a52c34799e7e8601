import { CREDIT_SUPERVISION_SERVICE } from '@sop/credit-supervision';
import { EVALUATION_SERVICE } from '@sop/evaluation';
import type { ServiceDefinition } from '@sop/http';
import { REGISTRATION_SERVICE } from '@sop/registration';
import { SERVICE_PURCHASING_SERVICE } from '@sop/service-purchasing';

/** The four services the embedded host mounts, under /registration, /credit, /evaluation and /purchasing. */
export const EMBEDDED_SERVICES: ServiceDefinition[] = [REGISTRATION_SERVICE, CREDIT_SUPERVISION_SERVICE, EVALUATION_SERVICE, SERVICE_PURCHASING_SERVICE];
