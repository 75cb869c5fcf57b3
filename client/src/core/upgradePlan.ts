// The plan of an upgrade, from `erudi-migrate status --json`: every step in order with its scripts, what the ledger
// says, and whether pre-flight lets it start; shown as a read-only document before the confirmation.

export interface UpgradePlan {
  stored: { model: string; erudi: string } | null;
  installed: { model: string; erudi: string };
  steps: { kind: string; version: string; scripts: string[] }[];
  /** Pending scripts no step claims (cube steps, or a runtime that says more than this client knows). */
  otherScripts: string[];
  unapplied: string[];
  changed: { file: string; recorded?: string; current?: string; applied_at?: string }[];
  blocked?: string;
  cubes: { name: string; stored?: string | null; installed?: string }[];
}

const SCRIPT_VERSION = /(?:^|\/)(\d+\.\d+\.\d+)_[^/]*$/;

export function parseUpgradePlan(stdout: string): UpgradePlan | { error: string } {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(stdout.trim().split(/\r?\n/).pop() ?? '') as Record<string, unknown>;
  } catch {
    return { error: `the runtime's status is not JSON: ${stdout.slice(0, 200)}` };
  }
  const installed = raw.installed as UpgradePlan['installed'] | undefined;
  if (!installed || !Array.isArray(raw.pending)) return { error: 'the runtime\'s status lacks "installed" or "pending"' };
  const pending = (raw.pending as unknown[]).map(String);
  const steps = (Array.isArray(raw.steps) ? raw.steps as { kind?: unknown; version?: unknown }[] : [])
    .map((s) => ({ kind: String(s.kind ?? ''), version: String(s.version ?? ''), scripts: [] as string[] }));
  const otherScripts: string[] = [];
  for (const script of pending) {
    const version = SCRIPT_VERSION.exec(script)?.[1];
    const step = steps.find((s) => s.kind === 'model' && s.version === version);
    (step ? step.scripts : otherScripts).push(script);
  }
  const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const blocked = typeof raw.blocked === 'string' ? raw.blocked : typeof raw.problem === 'string' ? raw.problem : undefined;
  const cubes = Array.isArray(raw.cubes) ? (raw.cubes as Record<string, unknown>[]).map((c) => ({
    name: String(c.name ?? c.cube ?? ''), stored: c.stored === undefined ? undefined : (c.stored as string | null), installed: c.installed === undefined ? undefined : String(c.installed),
  })) : [];
  return {
    stored: (raw.stored as UpgradePlan['stored']) ?? null, installed, steps, otherScripts,
    unapplied: strings(raw.unapplied), changed: Array.isArray(raw.changed) ? raw.changed as UpgradePlan['changed'] : [], blocked, cubes,
  };
}

export function planScriptCount(plan: UpgradePlan): number {
  return plan.steps.reduce((n, s) => n + s.scripts.length, 0) + plan.otherScripts.length;
}

function stepLabel(step: UpgradePlan['steps'][number]): string {
  if (step.kind === 'framework') return `framework (erudi) ${step.version}`;
  if (step.kind === 'model') return `model ${step.version}`;
  return `${step.kind} ${step.version}`;
}

/** The plan as Markdown: header, pre-flight, the steps in order with their scripts, then what the ledger says. */
export function renderUpgradePlan(plan: UpgradePlan, app: string, database: string): string {
  const out = [`# Upgrade plan — ${app}`, '', `Database: \`${database}\``, ''];
  const from = plan.stored ? `model ${plan.stored.model} (erudi ${plan.stored.erudi})` : 'no instance';
  out.push(`From ${from} to model ${plan.installed.model} (erudi ${plan.installed.erudi}): ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'}, ${planScriptCount(plan)} script${planScriptCount(plan) === 1 ? '' : 's'}.`, '');
  out.push(plan.blocked ? `**Pre-flight: blocked.** ${plan.blocked}` : 'Pre-flight: passed — every script is named correctly, compiles, and its step can start.', '');
  plan.steps.forEach((step, i) => {
    out.push(`## ${i + 1}. ${stepLabel(step)}`, '');
    if (step.kind === 'framework') out.push('The framework\'s own migration (its system tables).', '');
    else if (!step.scripts.length) out.push('No script at this version.', '');
    for (const script of step.scripts) out.push(`- \`${script}\` — pending`);
    if (step.scripts.length) out.push('');
  });
  if (plan.otherScripts.length) {
    out.push('## Other pending scripts', '');
    for (const script of plan.otherScripts) out.push(`- \`${script}\``);
    out.push('');
  }
  if (plan.cubes.length) {
    out.push('## Cubes', '');
    for (const cube of plan.cubes) out.push(`- ${cube.name}: stored ${cube.stored ?? 'none'}, installed ${cube.installed ?? '?'}`);
    out.push('');
  }
  if (plan.unapplied.length || plan.changed.length) {
    out.push('## Ledger', '');
    for (const script of plan.unapplied) out.push(`- \`${script}\` — **unapplied**: at or below the stored version but never run; an upgrade refuses it unless it is included`);
    for (const c of plan.changed) out.push(`- \`${c.file}\` — **changed after it was applied**${c.applied_at ? ` (applied ${c.applied_at})` : ''}${c.recorded && c.current ? `: sha256 ${c.recorded.slice(0, 12)}… then, ${c.current.slice(0, 12)}… now` : ''}`);
    out.push('');
  }
  if (!plan.steps.length && !plan.blocked) out.push('Nothing to do: the instance is up to date.', '');
  return `${out.join('\n')}\n`;
}
