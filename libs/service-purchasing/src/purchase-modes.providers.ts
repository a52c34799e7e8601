import { EntrustedFacilitiesHttpController } from './api/http/entrusted-facilities.http.controller';
import { PppHttpController } from './api/http/ppp.http.controller';
import { VenturePhilanthropyHttpController } from './api/http/venture-philanthropy.http.controller';
import { EntrustedFacilities } from './application/entrusted-facilities/facilities.use-cases';
import { FacilityPeriodChecks } from './application/entrusted-facilities/period-checks.use-case';
import { PppAgreements } from './application/ppp/ppp-agreements.use-cases';
import { PurchaseModeStore } from './application/purchase-modes/purchase-modes.ports';
import { VentureProposals } from './application/venture-philanthropy/proposals.use-cases';
import { VentureRounds } from './application/venture-philanthropy/rounds.use-cases';
import { VentureSelection } from './application/venture-philanthropy/selection.use-cases';
import { PurchaseModeErrors } from './domain/purchase-modes/purchase-modes.errors';
import { PurchasingPurchaseModes1732500000720 } from './infrastructure/purchase-modes/1732500000720-purchasing-purchase-modes.migration';
import { PURCHASE_MODE_ENTITIES } from './infrastructure/purchase-modes/purchase-modes.orm-entities';
import { TypeOrmPurchaseModeStore } from './infrastructure/purchase-modes/typeorm-purchase-mode.store';

/**
 * The purchase modes beyond tenders (issue 11 item 4): venture philanthropy, entrusted facilities, PPP — their
 * controllers, use cases, store, table and error codes, wired into ServicePurchasingModule in one place.
 */
export const PURCHASE_MODES = {
  controllers: [VenturePhilanthropyHttpController, EntrustedFacilitiesHttpController, PppHttpController],
  providers: [{ provide: PurchaseModeStore, useClass: TypeOrmPurchaseModeStore }, VentureRounds, VentureProposals, VentureSelection, EntrustedFacilities, FacilityPeriodChecks, PppAgreements],
  entities: PURCHASE_MODE_ENTITIES,
  migration: PurchasingPurchaseModes1732500000720,
  errors: PurchaseModeErrors,
};
