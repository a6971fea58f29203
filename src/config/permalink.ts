// Config ↔ URL fragment. The fragment (`#/?v=1&…`) never reaches a server; it holds only non-default
// values, with the config's own field names as keys so the common ones read plainly (`os=windows`).
// Decoding never throws: whatever cannot be used is listed in `issues` and the rest still loads.
import {
  CONFIG_VERSION,
  DEFAULT_CONFIG,
  configSchema,
  defaultsFor,
  readConfig,
  type WizardConfig,
} from './schema.ts'
import { displayKey, type FieldIssue } from './schema-kit.ts'
import { migrateEntries, type Entries } from './migrate.ts'
import { msg, type Message } from '../i18n/message.ts'

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
  const changed: [string, string][] = []
  configSchema.write(config, defaultsFor(config), '', changed)
  for (const [key, value] of changed) if (key !== 'version') entries.push([key, value])
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

/** Where a link's route leads: the wizard (`/`) or, when mangled, a page this tool does not have. */
export const ROUTE_ISSUE: Message = msg('field.permalink.otherPage')

/**
 * The route a link opens, path and query, read the one way both the page (router.tsx) and the CLI read it:
 * - like a browser, spaces and control characters around the link, and tabs and line breaks in it, are dropped;
 * - the settings are the query of the route in the fragment (`#/?v=1&…`); what stands before the first "#"
 *   (the site's address and its own `?query`) holds none, and a second "#" starts the route's own anchor;
 * - a URL with no fragment opens the wizard with the URL's own query, as the page's router does;
 * - without "#" or a scheme, the text is the fragment itself (`/?v=1&…` or `?v=1&…`).
 */
export function linkRoute(input: string): { path: string; query: string } {
  // eslint-disable-next-line no-control-regex -- the characters a browser's URL parser drops
  const text = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '')
  const hash = text.indexOf('#')
  let route: string
  if (hash >= 0) {
    route = text.slice(hash + 1)
    const anchor = route.indexOf('#')
    if (anchor >= 0) route = route.slice(0, anchor)
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    const search = text.indexOf('?')
    route = search >= 0 ? `/${text.slice(search)}` : '/'
  } else route = text
  const search = route.indexOf('?')
  const path = search >= 0 ? route.slice(0, search) : route
  return { path: path || '/', query: search >= 0 ? route.slice(search + 1) : '' }
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
        message: msg('field.permalink.tooLong', { length: input.length, max: MAX_PERMALINK_LENGTH }),
      },
    ])
  const located = linkRoute(input)

  const issues: FieldIssue[] = located.path === '/' ? [] : [{ field: '', message: ROUTE_ISSUE }]
  const seen = new Set<string>()
  let entries: Entries = []
  for (const [key, value] of new URLSearchParams(located.query)) {
    if (seen.has(key)) {
      issues.push({
        field: displayKey(key),
        message: msg('field.permalink.repeated', { key: displayKey(key) }),
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
        message: msg('field.permalink.noVersion', { version: CONFIG_VERSION }),
      })
  } else if (!/^\d{1,6}$/.test(versionText)) {
    return defaults([
      ...issues,
      {
        field: VERSION_KEY,
        message: msg('field.permalink.versionNotNumber', { ignored: listKeys(entries) }),
      },
    ])
  } else version = Number(versionText)

  const migrated = migrateEntries(version, entries)
  if (!migrated.ok)
    return defaults([
      ...issues,
      {
        field: VERSION_KEY,
        message: msg('field.permalink.notRead', {
          reason: migrated.reason,
          version,
          current: CONFIG_VERSION,
          ignored: listKeys(entries),
        }),
      },
    ])

  const tree = Object.create(null) as Record<string, TextTree>
  for (const [key, value] of migrated.entries) {
    if (!insert(tree, key.split('.'), value))
      issues.push({
        field: displayKey(key),
        message: msg('field.permalink.conflict', { key: displayKey(key) }),
      })
  }
  const { config, issues: fieldIssues } = readConfig(tree, 'text')
  return { config, issues: [...issues, ...fieldIssues] }
}

/** The ignored keys, as a nested message: the first eight, and how many more. */
function listKeys(entries: Entries): Message {
  if (entries.length === 0) return msg('field.permalink.nothingElse')
  const keys = entries
    .slice(0, 8)
    .map(([k]) => displayKey(k))
    .join(', ')
  return msg('field.permalink.keys', { keys, more: Math.max(0, entries.length - 8) })
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
