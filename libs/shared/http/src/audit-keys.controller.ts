import { Controller, Get, Header, Inject, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@sop/auth';
import type { PublishedKey, ServiceRuntime } from '@sop/messaging';

/**
 * `GET /audit/keys` (under the service's prefix): the public keys this service signs its event-chain checkpoints
 * with, each with its validity (validUntil set once the next key replaced it): what `npm run audit:verify --keys`
 * checks checkpoints against. Public: an auditor needs no account to verify a stream.
 */
export function auditKeysControllerFor(runtimeToken: string | symbol): Type<unknown> {
  @ApiTags('audit')
  @Controller('audit/keys')
  class AuditKeysController {
    constructor(@Inject(runtimeToken) private readonly runtime: ServiceRuntime) {}

    @Public()
    @Get()
    @Header('Cache-Control', 'public, max-age=60')
    @ApiOperation({ summary: "The Ed25519 public keys of this service's signed checkpoints, with validity and rotation history (oldest first)" })
    @ApiOkResponse({ description: '{ producer, keys: [{ kid, algorithm, publicKeyPem, validFrom, validUntil }] }' })
    async keys(): Promise<{ producer: string; keys: PublishedKey[] }> {
      return { producer: this.runtime.options.serviceName, keys: (await this.runtime.checkpoints?.publishedKeys()) ?? [] };
    }
  }
  return AuditKeysController;
}
