import type { IncomingMessage, ServerResponse } from 'node:http';

type Next = (err?: unknown) => void;

/** The JSON APIs: nothing to load, nothing to frame, no base or form targets. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** The Swagger UI pages under a docs mount: its own scripts, styles and images (inline styles and the bundled init script). */
const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export interface SecurityHeaderOptions {
  /** `on`, `off`, or `auto`: Strict-Transport-Security only for requests that came over TLS. */
  hsts: 'on' | 'off' | 'auto';
  /** Trust X-Forwarded-Proto for `auto`. */
  trustProxy: boolean;
  /** Path prefixes serving Swagger UI (`/docs`, `/credit/docs`), which get the page policy instead of the API one. */
  docsPaths: string[];
}

function overTls(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  const proto = req.headers['x-forwarded-proto'];
  return trustProxy && typeof proto === 'string' && proto.split(',')[0].trim().toLowerCase() === 'https';
}

/**
 * The response headers helmet would set for a JSON API, without helmet: no sniffing, no framing, no referrer, a
 * Content-Security-Policy that allows nothing (the Swagger UI pages get one that allows their own assets),
 * resources only for the same origin, and Strict-Transport-Security behind TLS. `X-Powered-By` is disabled on the
 * adapter (createHttpApp).
 */
export function securityHeaders(options: SecurityHeaderOptions): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  const docs = options.docsPaths.map((p) => '/' + p.replace(/^\/+|\/+$/g, ''));
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0];
    const isDocs = docs.some((d) => path === d || path.startsWith(d + '/') || path === `${d}-json` || path === `${d}-yaml`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('X-DNS-Prefetch-Control', 'off');
    res.setHeader('X-Permitted-Cross-Domain-Policies', 'none');
    res.setHeader('Content-Security-Policy', isDocs ? DOCS_CSP : API_CSP);
    if (options.hsts === 'on' || (options.hsts === 'auto' && overTls(req, options.trustProxy))) {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    next();
  };
}
