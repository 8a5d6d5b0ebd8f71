// The compact summary: one row a figure, its target and whether this run met it.

const number = (v) =>
  Number.isInteger(v)
    ? String(v)
    : Math.abs(v) >= 100
      ? v.toFixed(0)
      : Math.abs(v) >= 10
        ? v.toFixed(1)
        : v.toFixed(2);

function targetText(target, unit) {
  if (target === null) return "";
  const { min, max } = target;
  if (min !== undefined && max !== undefined) return `${min}-${max} ${unit}`;
  return min !== undefined ? `>= ${min} ${unit}` : `<= ${max} ${unit}`;
}

function row(f) {
  const measured = f.measured === null ? "-" : `${number(f.measured)} ${f.unit}`;
  const verdict = f.ok === null ? "" : f.ok ? "ok" : "MISSED";
  return [f.name, measured, targetText(f.target, f.unit), verdict, f.detail ?? ""];
}

export function printTable(figures, write) {
  const rows = [["figure", "measured", "target", "", "detail"], ...figures.map(row)];
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  write(line(rows[0]));
  write(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows.slice(1)) write(line(r));
}

/** Every run's figures side by side, one column of measured values and verdicts a Node. */
export function printSideBySide(runs, write) {
  const names = [];
  for (const run of runs) for (const f of run.figures) if (!names.includes(f.name)) names.push(f.name);
  const cell = (f) => {
    if (f === undefined) return "";
    const [, measured, , verdict] = row(f);
    return `${measured} ${verdict}`.trimEnd();
  };
  const rows = [
    ["figure", "target", ...runs.map((r) => `Node ${r.node}`)],
    ...names.map((name) => {
      const found = runs.map((r) => r.figures.find((f) => f.name === name));
      const any = found.find((f) => f !== undefined);
      return [name, targetText(any.target, any.unit), ...found.map(cell)];
    }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  write(line(rows[0]));
  write(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows.slice(1)) write(line(r));
}
