// The benchmark's result: one row per figure, each beside its same-run baseline and the ratio, with the target it is
// held to; printed as one table and written as JSON (tools/bench/results/<time>.json).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * A row: { id, figure, value, unit, baseline?: { id, value }, ratio?, target?: { on: 'value'|'ratio', op: '>='|'<=', value }, met?, note? }.
 * `met` is computed here from the target; a row without a target is informative.
 */
function row({ id, figure, value, unit, baseline, target, note }) {
  const ratio = baseline && Number.isFinite(baseline.value) && baseline.value !== 0 ? value / baseline.value : undefined;
  // One target or several (e.g. ≥ 1,000/s and ≥ 0.25× the baseline): met when every one is.
  const targets = target ? [target].flat() : [];
  const met = targets.length ? targets.every((t) => {
    const x = t.on === 'ratio' ? ratio : value;
    return x !== undefined && Number.isFinite(x) && (t.op === '>=' ? x >= t.value : x <= t.value);
  }) : undefined;
  return { id, figure, value, unit, ...(baseline ? { baseline } : {}), ...(ratio !== undefined ? { ratio } : {}), ...(target ? { target, met } : {}), ...(note ? { note } : {}) };
}

const fmt = (v) => (v === undefined || v === null || !Number.isFinite(v) ? '—' : Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

function table(rows) {
  const lines = rows.map((r) => [
    r.figure,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${fmt(r.baseline.value)} ${r.baseline.unit ?? r.unit} (${r.baseline.id})` : '—',
    r.ratio !== undefined ? `${r.ratio.toFixed(3)}×` : '—',
    r.target ? [r.target].flat().map((t) => `${t.on === 'ratio' ? 'ratio ' : ''}${t.op === '>=' ? '≥' : '≤'} ${t.value}${t.on === 'ratio' ? '×' : ` ${r.unit}`}`).join(', ') : '—',
    r.target ? (r.met ? 'met' : 'MISSED') : '',
    r.note ?? '',
  ]);
  const header = ['figure', 'platform', 'same-run baseline', 'ratio', 'target', '', 'detail'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => [...l[i]].length)));
  const pad = (cells) => cells.map((c, i) => c + ' '.repeat(widths[i] - [...c].length)).join(' | ').trimEnd();
  return [pad(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.map(pad)].join('\n');
}

function writeResult(dir, run) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${run.startedAt.replace(/[:.]/g, '-')}${run.smoke ? '-smoke' : ''}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...run, machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version, platform: `${os.type()} ${os.release()}` } }, null, 2) + '\n');
  return file;
}

module.exports = { row, table, writeResult, fmt };
