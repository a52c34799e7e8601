import { existsSync, readFileSync } from 'node:fs';
import { IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { devKeysAllowed, productionMode } from '@sop/auth';
import { USCC_FORMAT } from '@sop/util';
import { defineConfig, withRule } from '@sop/http';

const KEY_FORMAT = /^[A-Za-z0-9+/]{43}=$/;

/** Service purchasing's own environment variables (validated with the platform's when a host starts). */
export class PurchasingEnv {
  /**
   * The master secret for sealed bids (base64 of 32 bytes): each procurement's AES-256-GCM key is derived from it
   * (HKDF-SHA-256 with the procurement id), so bid content is unreadable in the database until the deadline.
   */
  @IsOptional() @Matches(KEY_FORMAT, { message: 'PURCHASING_BID_KEY must be the base64 of exactly 32 bytes (44 characters ending in =)' })
  PURCHASING_BID_KEY?: string;
  /** A file holding PURCHASING_BID_KEY (a container secret). */
  @IsOptional() @IsString() PURCHASING_BID_KEY_FILE?: string;
  /**
   * The OCDS publisher prefix of every procurement's ocid (`ocds-<prefix>-<uuid>`): 6 lowercase letters or digits,
   * as OCDS registers them. The default `sopdev` is this platform's own, unregistered: a publisher sets its own.
   */
  @IsOptional() @Matches(/^[a-z0-9]{6}$/, { message: 'PURCHASING_OCDS_PREFIX must be 6 lowercase letters or digits (the registered OCDS prefix)' })
  PURCHASING_OCDS_PREFIX = 'sopdev';
  /**
   * The public URL under which the purchasing endpoints are reached (the OCDS endpoints are `<this>/ocds/…`): package
   * URIs, linked releases and `links.next` are built from it, never from a request's Host header. The default is the
   * embedded platform on this machine (port 3000, service prefix /purchasing); a publisher sets its public address.
   */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'PURCHASING_OCDS_BASE_URL must be an http(s) URL' })
  @Matches(/[^/]$/, { message: 'PURCHASING_OCDS_BASE_URL must not end with /' })
  PURCHASING_OCDS_BASE_URL = 'http://localhost:3000/purchasing';
  /** The publisher named in every OCDS package (publisher.name). */
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200) PURCHASING_OCDS_PUBLISHER_NAME = 'Social organization platform (development; set PURCHASING_OCDS_PUBLISHER_NAME)';
  /** The publisher's unified social credit code (publisher.scheme CN-USCI, publisher.uid), when set. */
  @IsOptional() @Matches(USCC_FORMAT, { message: 'PURCHASING_OCDS_PUBLISHER_USCC must be an 18-character unified social credit code' }) PURCHASING_OCDS_PUBLISHER_USCC?: string;
  /** The publisher's web site (publisher.uri), the data licence (license) and the publication policy (publicationPolicy), when set. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) PURCHASING_OCDS_PUBLISHER_URI?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) PURCHASING_OCDS_LICENSE?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) PURCHASING_OCDS_PUBLICATION_POLICY?: string;
  /** Where the development bid key is kept when no key is set (embedded mode only). */
  @IsOptional() @IsString() @MinLength(1) DATA_DIR = './data';
}

/**
 * In distributed mode (KAFKA_BROKERS set) or with NODE_ENV=production the service refuses to start without a real bid
 * key (AUTH_ALLOW_DEV_KEYS=true allows the development key, as for registration's PII key).
 */
export function bidKeyProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const file = env['PURCHASING_BID_KEY_FILE'];
  if (file && !existsSync(file)) return ['PURCHASING_BID_KEY_FILE must name a readable file'];
  if (file && !env['PURCHASING_BID_KEY'] && !KEY_FORMAT.test(readFileSync(file, 'utf8').trim()))
    return ['PURCHASING_BID_KEY_FILE must hold the base64 of exactly 32 bytes (44 characters ending in =)'];
  if (env['PURCHASING_BID_KEY'] || file) return [];
  if (!productionMode(env) || devKeysAllowed(env)) return [];
  return [
    'PURCHASING_BID_KEY (base64 of 32 bytes) or PURCHASING_BID_KEY_FILE must be set in distributed mode (KAFKA_BROKERS set) and with NODE_ENV=production: ' +
      'sealed bids are not encrypted with a development key there (AUTH_ALLOW_DEV_KEYS=true allows it)',
  ];
}

export const purchasingConfig = withRule(defineConfig('purchasing', PurchasingEnv), bidKeyProblems);
