// The OCDS 1.1 open-data slice of service purchasing: pure functions from a procurement snapshot to releases,
// records and packages. The endpoints write their output with `ocdsJson` (exact amounts).
export * from './ocds-codelists';
export * from './ocds-1.1.schema';
export { CnyAmount, cny, ocdsJson } from './ocds-money';
export { ocdsDate, ocdsDateOf } from './ocds-dates';
export * from './procurement-snapshot';
export { LIFECYCLE_STEPS, releaseFor, type LifecycleEvent, type LifecycleStep, type OcdsRelease } from './ocds-release';
export { compileRecord, type LinkedRelease, type OcdsRecord } from './ocds-record';
export { recordPackage, releasePackage, type PackageMeta, type RecordPackage, type ReleasePackage } from './ocds-package';
