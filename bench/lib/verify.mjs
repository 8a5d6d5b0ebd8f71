// What every run must prove before its figures count: the child succeeded and the emulator saw
// each record exactly once.

/** Problems with one write run and its journal, as strings (empty = sound). */
export function checkRun(result, journal, expected, { states, distinct = true } = {}) {
  const problems = [];
  if (result !== undefined) {
    if (result.code !== 0) problems.push(`write exited ${result.code}: ${result.stderr.slice(0, 300)}`);
    for (const t of result.traces) problems.push(`TRACE ${t.error?.failure_type}: ${t.error?.message}`);
    if (states !== undefined && result.states !== states) {
      problems.push(`${result.states} STATE lines echoed, ${states} expected`);
    }
  }
  problems.push(...checkJournal(journal, expected, distinct));
  return problems;
}

function checkJournal({ sends, dropped, droppedSends = 0 }, expected, distinct) {
  const problems = [];
  // The sync's other calls (the Flow's lookup, the guardrails' reads) are not sends.
  const sent = sends.length + droppedSends;
  if (sent !== expected) problems.push(`the emulator journaled ${sent} sends, ${expected} expected`);
  const failed = sends.filter((e) => e.status !== 200).length;
  if (failed > 0) problems.push(`${failed} sends were not answered 200`);
  if (distinct && dropped === 0) {
    const recipients = new Set(sends.map((e) => e.recipient)).size;
    if (recipients !== expected) problems.push(`${recipients} distinct recipients, ${expected} expected`);
  }
  return problems;
}
