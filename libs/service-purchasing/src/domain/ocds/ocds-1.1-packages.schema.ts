import { PAGINATION_EXTENSION, RELEASE_TAGS } from './ocds-codelists';
import { object, OCDS_RECORD_PACKAGE_SCHEMA_ID, OCDS_RELEASE_PACKAGE_SCHEMA_ID, OCDS_RELEASE_SCHEMA_ID, text, uri } from './ocds-schema-builders';

/** The OCDS 1.1 release and record package schemas (what they cover: ocds-1.1.schema.ts); releases by $ref. */

const publisher = object({ name: { type: 'string', minLength: 1 }, scheme: text, uid: text, uri }, ['name']);

/** Package metadata shared by release and record packages (1.1 package schemas plus the pagination extension). */
const packageProperties = {
  uri: { type: 'string', format: 'uri' },
  version: { const: '1.1' },
  extensions: { type: 'array', items: { type: 'string', format: 'uri' }, uniqueItems: true },
  publisher,
  license: uri,
  publicationPolicy: uri,
  publishedDate: { type: 'string', format: 'date-time' },
  links: object({
    next: { type: 'string', format: 'uri' },
    prev: { type: 'string', format: 'uri' },
    all: { type: 'array', items: { type: 'string', format: 'uri' } },
  }),
};

/** `links` belongs to the pagination extension: a package that uses it must list the extension. */
const linksNeedExtension = {
  dependencies: { links: { required: ['extensions'], properties: { extensions: { type: 'array', contains: { const: PAGINATION_EXTENSION } } } } },
};

export const OCDS_RELEASE_PACKAGE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: OCDS_RELEASE_PACKAGE_SCHEMA_ID,
  title: 'OCDS 1.1 release package',
  ...object(
    { ...packageProperties, releases: { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: OCDS_RELEASE_SCHEMA_ID } } },
    ['uri', 'publisher', 'publishedDate', 'releases', 'version'],
  ),
  ...linksNeedExtension,
};

const linkedRelease = object(
  {
    url: uri,
    date: { type: 'string', format: 'date-time' },
    tag: { type: 'array', minItems: 1, items: { type: 'string', enum: [...RELEASE_TAGS] } },
  },
  ['url', 'date'],
);

const record = object(
  {
    ocid: { type: 'string', pattern: '^ocds-[a-z0-9]{6}-.+' },
    releases: {
      oneOf: [
        { title: 'Linked releases', type: 'array', minItems: 1, items: linkedRelease },
        { title: 'Embedded releases', type: 'array', minItems: 1, items: { $ref: OCDS_RELEASE_SCHEMA_ID } },
      ],
    },
    // The compiled release is a release whose only tag is 'compiled'.
    compiledRelease: {
      allOf: [{ $ref: OCDS_RELEASE_SCHEMA_ID }, { type: 'object', properties: { tag: { const: ['compiled'] } } }],
    },
  },
  ['ocid', 'releases'],
);

export const OCDS_RECORD_PACKAGE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: OCDS_RECORD_PACKAGE_SCHEMA_ID,
  title: 'OCDS 1.1 record package',
  ...object(
    {
      ...packageProperties,
      packages: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', format: 'uri' } },
      records: { type: 'array', minItems: 1, uniqueItems: true, items: record },
    },
    ['uri', 'publisher', 'publishedDate', 'records', 'version'],
  ),
  ...linksNeedExtension,
};
