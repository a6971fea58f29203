// Old permalinks must keep working (product.md: "versioned, old links keep working"). When the config
// format changes, bump CONFIG_VERSION and add a step here that rewrites version N's entries into N+1's.
import { CONFIG_VERSION } from './schema.ts'

export type Entries = [key: string, value: string][]
export type Migration = (entries: Entries) => Entries

/** MIGRATIONS[n] turns version n's permalink entries into version n+1's. Version 1 is the first format. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {}

/** Why a link's format cannot be read: made by a newer tool, or a number no version has ever written. */
export type MigrationResult = { ok: true; entries: Entries } | { ok: false; reason: 'newer' | 'unwritten' }

export function migrateEntries(
  version: number,
  entries: Entries,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = CONFIG_VERSION,
): MigrationResult {
  if (version > current) return { ok: false, reason: 'newer' }
  let result = entries
  for (let v = version; v < current; v++) {
    const step = migrations[v]
    if (!step) return { ok: false, reason: 'unwritten' }
    result = step(result)
  }
  return { ok: true, entries: result }
}
