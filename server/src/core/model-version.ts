// Versions as DESIGN 1.1 spells them (exactly X.Y.Z, no leading zeros), compared with semver.
import semverCompare from 'semver/functions/compare';
import SemVer from 'semver/classes/semver';

export interface ModelVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** The canonical text, "X.Y.Z". */
  readonly text: string;
}

const STRICT = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Parses "X.Y.Z" strictly; anything else (0.1, 00.1.0, 1.2.3-rc, numbers beyond 2^53) is undefined. */
export function parseModelVersion(text: string): ModelVersion | undefined {
  const match = STRICT.exec(text);
  if (!match) return undefined;
  const [major, minor, patch] = [match[1], match[2], match[3]].map(Number);
  // semver refuses components beyond MAX_SAFE_INTEGER; so do we, rather than compare wrongly.
  if (![major, minor, patch].every(Number.isSafeInteger)) return undefined;
  return { major, minor, patch, text };
}

export function modelVersion(major: number, minor: number, patch: number): ModelVersion {
  return { major, minor, patch, text: `${major}.${minor}.${patch}` };
}

/** Negative, zero or positive as a is lower than, equal to or higher than b. */
export function compareVersions(a: ModelVersion, b: ModelVersion): number {
  return semverCompare(semverOf(a), semverOf(b));
}

// Parsing "X.Y.Z" into a SemVer on every comparison made checking a 1,000-line depends.map slow; parse each text once.
const parsed = new Map<string, SemVer>();
const MAX_CACHED = 50_000;

function semverOf(version: ModelVersion): SemVer {
  let semver = parsed.get(version.text);
  if (!semver) {
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(version.text, (semver = new SemVer(version.text)));
  }
  return semver;
}

/**
 * The version the author most likely meant by a malformed one ("0.1" → "0.1.0", "00.1.0" → "0.1.0"),
 * or undefined when the text is no dotted run of numbers that one rename could repair.
 */
export function suggestVersion(text: string): ModelVersion | undefined {
  const parts = text.split('.');
  if (parts.length < 1 || parts.length > 3 || !parts.every((p) => /^\d+$/.test(p))) return undefined;
  while (parts.length < 3) parts.push('0');
  return parseModelVersion(parts.map((p) => String(BigInt(p))).join('.'));
}

/** True when the text looks meant as a version (digits and dots only), even a malformed one. */
export function looksLikeVersion(text: string): boolean {
  return /^[\d.]+$/.test(text) && /\d/.test(text);
}
