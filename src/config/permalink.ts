// Config ↔ URL fragment. The fragment (`#/?v=1&…`) never reaches a server; it holds only non-default
// values, with the config's own field names as keys so the common ones read plainly (`os=windows`).
// Decoding never throws: whatever cannot be used is listed in `issues` and the rest still loads.
import { CONFIG_VERSION, DEFAULT_CONFIG, configSchema, readConfig, type WizardConfig } from './schema.ts'
import { displayKey, nonDefaultEntries, type FieldIssue } from './schema-kit.ts'
import { migrateEntries, type Entries } from './migrate.ts'

export const VERSION_KEY = 'v'
export const MAX_PERMALINK_LENGTH = 16_384

/**
 * Percent-encodes a key or value, leaving ":" and "@" readable. "/" stays encoded: the router normalises a
 * trailing slash away, which would cut the "/" off a key prefix such as uploads/ at the end of the link.
 */
function encodePart(text: string): string {
  return encodeURIComponent(text).replace(/%3A/g, ':').replace(/%40/g, '@')
}

/** The fragment for a config, `#/?v=1&…`, with only the values that differ from the defaults. */
export function encodePermalink(config: WizardConfig): string {
  const entries: Entries = [[VERSION_KEY, String(CONFIG_VERSION)]]
  for (const [key, value] of nonDefaultEntries(configSchema, config))
    if (key !== 'version') entries.push([key, value])
  return `#/?${entries.map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`).join('&')}`
}

/** The full permalink when the site's address is known, else the fragment alone. */
export function permalinkUrl(config: WizardConfig, baseUrl?: string): string {
  const fragment = encodePermalink(config)
  return baseUrl ? `${baseUrl.replace(/#.*$/, '')}${fragment}` : fragment
}

export interface DecodeResult {
  config: WizardConfig
  /** Everything that was ignored or repaired, each against the field (or URL key) it concerns. */
  issues: FieldIssue[]
}

type TextTree = string | { [key: string]: TextTree }

function defaults(issues: FieldIssue[]): DecodeResult {
  return { config: structuredClone(DEFAULT_CONFIG), issues }
}

/** The query part of a permalink: accepts a whole URL, a `#/?…` fragment, or a bare `?…` query. */
function queryOf(input: string): { query: string } | { problem: string } {
  let text = input.trim()
  const hash = text.indexOf('#')
  if (hash >= 0) text = text.slice(hash + 1)
  else if (/^[a-z][a-z0-9+.-]*:/i.test(text))
    return { problem: 'The link has no "#" part, so it holds no settings.' }
  if (text.startsWith('/')) text = text.slice(1)
  if (text === '') return { query: '' }
  if (!text.startsWith('?')) return { problem: 'The link does not point at the wizard ("#/?…" expected).' }
  return { query: text.slice(1) }
}

/**
 * Turns a permalink (URL, fragment or query) into a config. Never throws: a wrong version, unknown keys or
 * garbage come back as issues, and the config holds every value that could be used.
 */
export function decodePermalink(input: string): DecodeResult {
  if (input.length > MAX_PERMALINK_LENGTH)
    return defaults([
      {
        field: '',
        message: `The link is ${input.length.toLocaleString('en-US')} characters long (at most ${MAX_PERMALINK_LENGTH.toLocaleString('en-US')}); all of it was ignored.`,
      },
    ])
  const located = queryOf(input)
  if ('problem' in located) return defaults([{ field: '', message: located.problem }])

  const issues: FieldIssue[] = []
  const seen = new Set<string>()
  let entries: Entries = []
  for (const [key, value] of new URLSearchParams(located.query)) {
    if (seen.has(key)) {
      issues.push({
        field: displayKey(key),
        message: `"${displayKey(key)}" appears more than once; the first was kept.`,
      })
      continue
    }
    seen.add(key)
    entries.push([key, value])
  }

  const versionText = entries.find(([k]) => k === VERSION_KEY)?.[1]
  entries = entries.filter(([k]) => k !== VERSION_KEY)
  let version = CONFIG_VERSION
  if (versionText === undefined) {
    if (entries.length > 0)
      issues.push({
        field: VERSION_KEY,
        message: `The link has no format version; it was read as version ${CONFIG_VERSION}.`,
      })
  } else if (!/^\d{1,6}$/.test(versionText)) {
    return defaults([
      ...issues,
      { field: VERSION_KEY, message: `The format version is not a number; ignored: ${listKeys(entries)}.` },
    ])
  } else version = Number(versionText)

  const migrated = migrateEntries(version, entries)
  if (!migrated.ok)
    return defaults([
      ...issues,
      {
        field: VERSION_KEY,
        message: `The link was not read: ${migrated.reason}. Ignored: ${listKeys(entries)}.`,
      },
    ])

  const tree = Object.create(null) as Record<string, TextTree>
  for (const [key, value] of migrated.entries) {
    if (!insert(tree, key.split('.'), value))
      issues.push({
        field: displayKey(key),
        message: `"${displayKey(key)}" conflicts with another setting in the link; ignored.`,
      })
  }
  const { config, issues: fieldIssues } = readConfig(tree, 'text')
  return { config, issues: [...issues, ...fieldIssues] }
}

function listKeys(entries: Entries): string {
  if (entries.length === 0) return 'nothing else'
  const shown = entries.slice(0, 8).map(([k]) => displayKey(k))
  return entries.length > 8 ? `${shown.join(', ')} and ${entries.length - 8} more` : shown.join(', ')
}

/** Puts `value` at `path` in a prototype-free tree; false when the path collides with an existing entry. */
function insert(tree: Record<string, TextTree>, path: string[], value: string): boolean {
  let node = tree
  for (const [index, part] of path.entries()) {
    if (part === '') return false
    const last = index === path.length - 1
    const existing = node[part]
    if (last) {
      if (existing !== undefined) return false
      node[part] = value
      return true
    }
    if (existing === undefined) node = node[part] = Object.create(null) as Record<string, TextTree>
    else if (typeof existing === 'string') return false
    else node = existing
  }
  return false
}
