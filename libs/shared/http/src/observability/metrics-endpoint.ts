import { timingSafeEqual } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { platformMetrics } from './metrics';

interface Req {
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  status(code: number): Res;
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

export function bearerMatches(header: string | string[] | undefined, token: string): boolean {
  const given = Buffer.from(String(Array.isArray(header) ? header[0] : (header ?? '')));
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * GET /metrics in the Prometheus text format. Who may call it: Prometheus. With METRICS_TOKEN set, only a caller
 * with that bearer token (the scraper's `authorization` setting); without it, anyone who can reach the port, which
 * suits the embedded mode and a scrape network that is not public.
 */
export function serveMetrics(app: INestApplication, token?: string): void {
  const metrics = platformMetrics();
  app.getHttpAdapter().get('/metrics', async (req: Req, res: Res) => {
    if (token && !bearerMatches(req.headers['authorization'], token)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.send('metrics need the scrape token\n');
      return;
    }
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.status(200).send(await metrics.registry.metrics());
  });
}
