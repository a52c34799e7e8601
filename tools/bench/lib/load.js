// Load generation for the benchmarks: closed loop (N connections, each sends its next request when the last one is
// answered) and open loop (requests started at a fixed offered rate whatever the answers, so queueing shows in the
// latency instead of slowing the generator down: no coordinated omission). Keep-alive HTTP/1.1 through node:http.
'use strict';
const http = require('node:http');

/** Latency summary of a sorted list of milliseconds. */
function summarize(latencies, seconds) {
  const sorted = Float64Array.from(latencies).sort();
  const q = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);
  return { count: sorted.length, perSecond: sorted.length / seconds, p50Ms: q(0.5), p90Ms: q(0.9), p99Ms: q(0.99), maxMs: sorted.length ? sorted[sorted.length - 1] : NaN };
}

/**
 * One HTTP request on a keep-alive agent; resolves { status, body }. A request sent on a kept-alive socket that the
 * server closed at that very moment (its keep-alive timeout) fails with ECONNRESET before the server read it: sent
 * again once, as Node's documentation advises (`request.reusedSocket`); a 30-minute soak met this race.
 */
async function request(agent, url, options = {}) {
  try {
    return await requestOnce(agent, url, options);
  } catch (err) {
    if (err.code === 'ECONNRESET' && err.reusedSocket) return requestOnce(agent, url, options);
    throw err;
  }
}

function requestOnce(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = http.request(url, { agent, method, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err) => reject(Object.assign(err, { reusedSocket: req.reusedSocket })));
    req.end(payload);
  });
}

class UnexpectedStatus extends Error {}

/**
 * Closed loop: `connections` workers call `next(i)` (which returns { url, method, headers, body, expect }) for
 * `seconds` (after `warmupSeconds` not counted), or until `next` returns null. Every answer must have the expected
 * status, else the run fails.
 */
async function closedLoop({ connections, seconds, warmupSeconds = 0, next }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  let i = 0;
  let failure;
  const warmEnd = Date.now() + warmupSeconds * 1000;
  const end = warmEnd + seconds * 1000;
  async function worker() {
    while (!failure && Date.now() < end) {
      const r = next(i++);
      if (!r) break; // the scenario has nothing more to send
      const startedAt = Date.now();
      const t0 = process.hrtime.bigint();
      const res = await request(agent, r.url, r);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.status !== (r.expect ?? 200)) {
        failure = new UnexpectedStatus(`${r.method ?? 'GET'} ${r.url}: expected ${r.expect ?? 200}, got ${res.status}: ${res.body.slice(0, 500)}`);
        break;
      }
      if (r.onAnswer) r.onAnswer(res);
      if (startedAt >= warmEnd) latencies.push(ms);
    }
  }
  const measuredFrom = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  if (failure) throw failure;
  return summarize(latencies, Math.max(0.001, (Date.now() - Math.max(measuredFrom, warmEnd)) / 1000));
}

/** Open loop at `rate` requests per second for `seconds`; latency measured from the intended start (no coordinated omission). */
async function openLoop({ rate, seconds, next, maxInFlight = 2000 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies = [];
  const total = Math.round(rate * seconds);
  const t0 = process.hrtime.bigint();
  const pending = new Set();
  let failure;
  let dropped = 0;
  for (let i = 0; i < total && !failure; i++) {
    const intended = t0 + BigInt(Math.round((i * 1e9) / rate));
    const wait = Number(intended - process.hrtime.bigint()) / 1e6;
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (pending.size >= maxInFlight) {
      dropped++;
      continue;
    }
    const r = next(i);
    if (!r) break;
    const p = request(agent, r.url, r).then((res) => {
      if (res.status !== (r.expect ?? 200)) failure = new UnexpectedStatus(`${r.method ?? 'GET'} ${r.url}: expected ${r.expect ?? 200}, got ${res.status}: ${res.body.slice(0, 500)}`);
      else {
        latencies.push(Number(process.hrtime.bigint() - intended) / 1e6);
        if (r.onAnswer) r.onAnswer(res);
      }
    }, (err) => (failure = err));
    pending.add(p);
    p.finally(() => pending.delete(p));
  }
  await Promise.all(pending);
  agent.destroy();
  if (failure) throw failure;
  const s = summarize(latencies, Number(process.hrtime.bigint() - t0) / 1e9);
  return { ...s, offeredPerSecond: rate, dropped };
}

module.exports = { closedLoop, openLoop, request, summarize, UnexpectedStatus };
