// The printed report of a bench run: the headline ratios first, then every table as aligned plain text.
import { lowered } from './settings.mjs';
import { buildTables, describeRun, times } from './tables.mjs';

const width = (text) => [...text].length;

/** Aligns columns: the first to the left, the others to the right. */
function textTable({ header, rows }) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => width(row[i] ?? ''))));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].map((l) => `  ${l.trimEnd()}`);
}

export function formatReport(results, path) {
  const out = ['', `c2c-call-button bench — ${describeRun(results)}`];
  const ratios = results.calls?.ratios;
  if (ratios) {
    out.push('', `element / floor, click → active (paired median): warm ${times(ratios.warm.paired.median)} (goal ≤ 1.1), cold ${times(ratios.cold.paired.median)}`);
  }
  for (const table of buildTables(results)) {
    out.push('', table.title);
    if (table.rows.length) out.push(...textTable(table));
    out.push(...table.notes.map((note) => `  · ${note.replace(/`/g, '')}`));
  }
  const fewer = lowered(results.settings);
  if (fewer.length) out.push('', `Note: fewer runs than the defaults (${fewer.join(', ')}): the figures are noisier.`);
  out.push('', `total ${results.totalSeconds} s; results in ${path}; \`node bench/write-docs.mjs\` writes them into docs/benchmarks.md`, '');
  return out.join('\n');
}
