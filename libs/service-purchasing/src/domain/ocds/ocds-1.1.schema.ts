import {
  AWARD_STATUSES,
  CONTRACT_STATUSES,
  CURRENCIES,
  INITIATION_TYPES,
  MILESTONE_STATUSES,
  PARTY_ROLES,
  PROCUREMENT_CATEGORIES,
  PROCUREMENT_METHODS,
  RELEASE_TAGS,
  TENDER_STATUSES,
} from './ocds-codelists';
import { closedEnum, dateTime, id, listOf, nullable, object, OCDS_RELEASE_SCHEMA_ID, ref, text, uri } from './ocds-schema-builders';

/**
 * JSON Schema (draft-07) for the OCDS 1.1 data this service publishes: releases, release packages, records and
 * record packages. Written here from the OCDS 1.1 reference (release-schema.json 1.1.3/1.1.4, the record and release
 * package schemas and the codelists of open-contracting/standard; the pagination extension for `links`), so the
 * tests check our output against the standard without downloading it. ajv is a dev dependency: the schema is used
 * by the tests, not at runtime.
 *
 * Covered: the release root (ocid, id, date, tag, initiationType — required — language, parties, buyer, planning,
 * tender, awards, contracts); Planning (rationale, budget, documents, milestones); Tender (id required; title,
 * description, status, procuringEntity, items, value, minValue, procurementMethod, procurementMethodDetails,
 * procurementMethodRationale, mainProcurementCategory, awardCriteria, awardCriteriaDetails, submissionMethod,
 * submissionMethodDetails, the periods, eligibilityCriteria, numberOfTenderers, tenderers, documents, milestones,
 * amendments); Award; Contract (id and awardID required); Implementation (transactions, milestones, documents);
 * Transaction (id, date, value, payer, payee, uri); Milestone; Document; Amendment; Budget; Item; Classification;
 * Organization (parties) and OrganizationReference; Identifier; Address; ContactPoint; Value; Period. Codelists as
 * enums: releaseTag, initiationType, tenderStatus, awardStatus, contractStatus, milestoneStatus, method,
 * procurementCategory, partyRole, currency. Packages: uri, version, extensions, publisher, license,
 * publicationPolicy, publishedDate, releases / records (records with embedded or linked releases and a compiled
 * release), packages; `links` (next, prev) from the pagination extension, which must then be declared.
 *
 * Not covered: the versioned release (record.versionedRelease) and its schema; relatedProcesses; Item.unit;
 * multilingual `field_xx` variants; the fields 1.1 deprecated (the single `amendment` object, Budget.source,
 * Transaction.amount / providerOrganization / receiverOrganization, identifier/address/contactPoint inside an
 * OrganizationReference, Milestone.documents); every extension other than pagination (bids, lots, location, …).
 *
 * Stricter than the standard, on purpose, because this describes our output rather than anyone's: objects are
 * closed (a misspelt field fails); ocid must carry an `ocds-` prefix of six characters; partyRole (open in 1.1) is
 * closed to the 1.1 codes; currency is limited to the codes in force (no withdrawn codes); `version` is '1.1';
 * parties need an id; every date is an RFC 3339 date-time with its offset.
 */

const definitions = {
  Period: object({
    startDate: dateTime,
    endDate: dateTime,
    maxExtentDate: dateTime,
    durationInDays: { ...nullable('integer'), minimum: 0 },
  }),
  Value: object({ amount: nullable('number'), currency: closedEnum(CURRENCIES) }),
  Identifier: object({ scheme: text, id: nullable(['string', 'integer']), legalName: text, uri }),
  Address: object({ streetAddress: text, locality: text, region: text, postalCode: text, countryName: text }),
  ContactPoint: object({ name: text, email: text, telephone: text, faxNumber: text, url: uri }),
  OrganizationReference: object({ id: { type: ['string', 'integer'], minLength: 1 }, name: { ...text, minLength: 1 } }),
  Organization: object(
    {
      id: { type: 'string', minLength: 1 },
      name: text,
      identifier: ref('Identifier'),
      additionalIdentifiers: { ...listOf('Identifier'), uniqueItems: true },
      address: ref('Address'),
      contactPoint: ref('ContactPoint'),
      roles: { ...nullable('array'), items: { type: 'string', enum: [...PARTY_ROLES] }, uniqueItems: true },
      details: nullable('object'),
    },
    ['id'],
  ),
  Classification: object({ scheme: text, id: nullable(['string', 'integer']), description: text, uri }),
  Item: object(
    {
      id,
      description: text,
      classification: ref('Classification'),
      additionalClassifications: listOf('Classification', true),
      quantity: nullable('number'),
    },
    ['id'],
  ),
  Amendment: object({ id: text, date: dateTime, rationale: text, description: text, amendsReleaseID: text, releaseID: text }),
  Document: object(
    {
      id,
      documentType: text,
      title: text,
      description: text,
      url: uri,
      datePublished: dateTime,
      dateModified: dateTime,
      format: text,
      language: text,
    },
    ['id'],
  ),
  Milestone: object(
    {
      id,
      title: text,
      type: text,
      description: text,
      code: text,
      dueDate: dateTime,
      dateMet: dateTime,
      dateModified: dateTime,
      status: closedEnum(MILESTONE_STATUSES),
    },
    ['id'],
  ),
  Budget: object({
    id: nullable(['string', 'integer']),
    description: text,
    amount: ref('Value'),
    project: text,
    projectID: nullable(['string', 'integer']),
    uri,
  }),
  Planning: object({ rationale: text, budget: ref('Budget'), documents: listOf('Document'), milestones: listOf('Milestone') }),
  Tender: object(
    {
      id,
      title: text,
      description: text,
      status: closedEnum(TENDER_STATUSES),
      procuringEntity: ref('OrganizationReference'),
      items: listOf('Item', true),
      value: ref('Value'),
      minValue: ref('Value'),
      procurementMethod: closedEnum(PROCUREMENT_METHODS),
      procurementMethodDetails: text,
      procurementMethodRationale: text,
      mainProcurementCategory: closedEnum(PROCUREMENT_CATEGORIES),
      additionalProcurementCategories: { ...nullable('array'), items: { type: 'string' } },
      awardCriteria: text,
      awardCriteriaDetails: text,
      submissionMethod: { ...nullable('array'), items: { type: 'string' } },
      submissionMethodDetails: text,
      tenderPeriod: ref('Period'),
      enquiryPeriod: ref('Period'),
      hasEnquiries: nullable('boolean'),
      eligibilityCriteria: text,
      awardPeriod: ref('Period'),
      contractPeriod: ref('Period'),
      numberOfTenderers: { ...nullable('integer'), minimum: 0 },
      tenderers: listOf('OrganizationReference', true),
      documents: listOf('Document'),
      milestones: listOf('Milestone'),
      amendments: listOf('Amendment'),
    },
    ['id'],
  ),
  Award: object(
    {
      id,
      title: text,
      description: text,
      status: closedEnum(AWARD_STATUSES),
      date: dateTime,
      value: ref('Value'),
      suppliers: listOf('OrganizationReference', true),
      items: { ...listOf('Item', true), minItems: 1 },
      contractPeriod: ref('Period'),
      documents: listOf('Document', true),
      amendments: listOf('Amendment'),
    },
    ['id'],
  ),
  Transaction: object(
    {
      id,
      source: uri,
      date: dateTime,
      value: ref('Value'),
      payer: ref('OrganizationReference'),
      payee: ref('OrganizationReference'),
      uri,
    },
    ['id'],
  ),
  Implementation: object({
    transactions: listOf('Transaction', true),
    milestones: listOf('Milestone', true),
    documents: listOf('Document', true),
  }),
  Contract: object(
    {
      id,
      awardID: id,
      title: text,
      description: text,
      status: closedEnum(CONTRACT_STATUSES),
      period: ref('Period'),
      value: ref('Value'),
      items: { ...listOf('Item', true), minItems: 1 },
      dateSigned: dateTime,
      documents: listOf('Document', true),
      implementation: ref('Implementation'),
      milestones: listOf('Milestone'),
      amendments: listOf('Amendment'),
    },
    ['id', 'awardID'],
  ),
};

/** An OCDS 1.1 release (also the shape of a compiled release). */
export const OCDS_RELEASE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: OCDS_RELEASE_SCHEMA_ID,
  title: 'OCDS 1.1 release, as published by service purchasing',
  ...object(
    {
      ocid: { type: 'string', pattern: '^ocds-[a-z0-9]{6}-.+' },
      // A release id is unique within its ocid and must not contain '#' (it becomes a URL fragment in records).
      id: { type: 'string', minLength: 1, pattern: '^[^#]+$' },
      date: { type: 'string', format: 'date-time' },
      tag: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: [...RELEASE_TAGS] } },
      initiationType: { type: 'string', enum: [...INITIATION_TYPES] },
      language: text,
      parties: listOf('Organization', true),
      buyer: ref('OrganizationReference'),
      planning: ref('Planning'),
      tender: ref('Tender'),
      awards: listOf('Award', true),
      contracts: listOf('Contract', true),
    },
    ['ocid', 'id', 'date', 'tag', 'initiationType'],
  ),
  definitions,
};

export { OCDS_RECORD_PACKAGE_SCHEMA_ID, OCDS_RELEASE_PACKAGE_SCHEMA_ID, OCDS_RELEASE_SCHEMA_ID } from './ocds-schema-builders';
export { OCDS_RECORD_PACKAGE_SCHEMA, OCDS_RELEASE_PACKAGE_SCHEMA } from './ocds-1.1-packages.schema';
