// The user's edits of generated files, kept per configuration: the key is the canonical link fragment
// (`#/?v=1&…`, what encodePermalink writes), so opening another configuration never shows or downloads them.
// When the user changes the configuration in the page, the edits follow the change (and are re-applied to the
// new generated text by merge-edit.ts); opening a link, going back or reloading leaves them where they were.
// Kept in this browser's localStorage, never sent anywhere; a failed write is reported, never swallowed.
import { useEffect, useLayoutEffect } from 'react'
import { create } from 'zustand'
import { isPlainObject } from '../config/schema-kit.ts'
import type { FileEdit } from './merge-edit.ts'
import { onNavigation } from './navigations.ts'

export type { FileEdit }

export type Edits = Readonly<Record<string, FileEdit>>

interface ConfigEdits {
  edits: Edits
  /** When they last changed (ms since 1970), to list other configurations newest first. */
  at: number
}

interface EditsState {
  /** Canonical link fragment → that configuration's edits. */
  byConfig: Readonly<Record<string, ConfigEdits>>
  /** The configuration on screen. */
  current: string
  /** Navigations so far, and the one `current` was shown after: edits follow only changes made in the page. */
  navigations: number
  seen: number
  /** The last write to localStorage failed (quota, blocked storage): the edits live only in this page. */
  unsaved: boolean
  setEdit: (key: string, path: string, edit: FileEdit | undefined) => void
  /** The page now shows `key`, whose files are `paths`: carries the edits along when the user changed it here. */
  follow: (key: string, paths: readonly string[]) => void
  /** Stores the outcome of a merge, unless the edit changed meanwhile. */
  settle: (key: string, path: string, was: FileEdit, next: FileEdit | undefined) => void
}

export const STORAGE_KEY = 'ecs-task-role-wizard.edits-by-configuration'
export const NO_EDITS: Edits = Object.freeze({})

export function withEdits(
  byConfig: EditsState['byConfig'],
  key: string,
  edits: Edits,
): EditsState['byConfig'] {
  const next = { ...byConfig }
  if (Object.keys(edits).length === 0) delete next[key]
  else next[key] = { edits, at: Date.now() }
  return next
}

/** Moves (or copies) the edits of `paths` from one configuration to another that has none of its own for them. */
export function moved(
  byConfig: EditsState['byConfig'],
  from: string,
  to: string,
  paths: readonly string[],
  copy = false,
) {
  const source = byConfig[from]?.edits ?? NO_EDITS
  const target = byConfig[to]?.edits ?? NO_EDITS
  // An edit of a file the target does not have, or already edited there, stays where it was.
  const moving = Object.keys(source).filter((p) => paths.includes(p) && target[p] === undefined)
  if (moving.length === 0) return byConfig
  const rest = { ...source }
  for (const path of moving) delete rest[path]
  const brought = { ...target, ...Object.fromEntries(moving.map((p) => [p, source[p]!])) }
  return withEdits(copy ? byConfig : withEdits(byConfig, from, rest), to, brought)
}

const isEdit = (e: unknown): e is FileEdit =>
  isPlainObject(e) &&
  typeof e.text === 'string' &&
  typeof e.generatedFrom === 'string' &&
  (e.conflictWith === undefined || typeof e.conflictWith === 'string') &&
  (e.conflictLines === undefined ||
    (Array.isArray(e.conflictLines) && e.conflictLines.every((n) => Number.isInteger(n)))) &&
  (e.reapplied === undefined || typeof e.reapplied === 'boolean')

/** What was stored, repaired: storage is untrusted input like a link. */
function restore(saved: unknown): EditsState['byConfig'] {
  const out: Record<string, ConfigEdits> = {}
  for (const [key, value] of Object.entries(isPlainObject(saved) ? saved : {})) {
    if (!key.startsWith('#/?') || !isPlainObject(value) || !isPlainObject(value.edits)) continue
    const edits: Record<string, FileEdit> = {}
    for (const [path, edit] of Object.entries(value.edits)) if (isEdit(edit)) edits[path] = edit
    if (Object.keys(edits).length > 0) out[key] = { edits, at: typeof value.at === 'number' ? value.at : 0 }
  }
  return out
}

function read(): EditsState['byConfig'] {
  try {
    const text = localStorage.getItem(STORAGE_KEY)
    return text ? restore(JSON.parse(text)) : {}
  } catch {
    return {}
  }
}

export const useEditsStore = create<EditsState>()((set) => ({
  // read() catches everything: even `typeof localStorage` throws where storage is blocked (a third-party
  // frame, cookies switched off), and in Node there is none.
  byConfig: read(),
  current: '',
  navigations: 1,
  seen: 0,
  unsaved: false,
  setEdit: (key, path, edit) =>
    set((s) => {
      const edits = { ...(s.byConfig[key]?.edits ?? NO_EDITS) }
      if (edit) edits[path] = edit
      else delete edits[path]
      return { byConfig: withEdits(s.byConfig, key, edits) }
    }),
  follow: (key, paths) =>
    set((s) => {
      // The same configuration is no decision: the page may re-render between a navigation and its new key.
      if (s.current === key) return s
      const opened = s.seen !== s.navigations || s.current === ''
      return {
        current: key,
        seen: s.navigations,
        byConfig: opened ? s.byConfig : moved(s.byConfig, s.current, key, paths),
      }
    }),
  settle: (key, path, was, next) =>
    set((s) => {
      if (s.byConfig[key]?.edits[path] !== was) return s
      const edits = { ...s.byConfig[key].edits }
      if (next) edits[path] = next
      else delete edits[path]
      return { byConfig: withEdits(s.byConfig, key, edits) }
    }),
}))

// A navigation (first load, reload, a pasted link, back/forward) opens a configuration: it counts in
// `navigations`. A change made in the page does not: the router writes it with history.replaceState, which fires
// no popstate. Heard through navigations.ts, whose listener runs before the router's; one before this store
// loaded needs no counting: nothing had followed a configuration yet (`current` is empty).
onNavigation(() => leaveEditsBehind())

/** For "Start over" and the like: the next configuration is another one, not a change of this one. */
export function leaveEditsBehind(): void {
  useEditsStore.setState((s) => ({ navigations: s.navigations + 1 }))
  // The page follows a navigation within this task (the router and the config store notify synchronously, and
  // React renders their updates in microtasks); one that led to the configuration already shown is over after it.
  setTimeout(() => useEditsStore.setState((s) => ({ seen: s.navigations })), 0)
}

// Written on every change of the edits; a failure is kept in the state, so the page can say so.
let written = useEditsStore.getState().byConfig
useEditsStore.subscribe((state) => {
  if (state.byConfig === written) return
  written = state.byConfig
  let unsaved = false
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state.byConfig))
  } catch {
    unsaved = true
  }
  if (unsaved !== state.unsaved) useEditsStore.setState({ unsaved })
})

/** The edits of one configuration. */
export const useConfigEdits = (key: string): Edits => useEditsStore((s) => s.byConfig[key]?.edits ?? NO_EDITS)

/** The configuration key of a generation result: its canonical link fragment. */
export const configKey = (permalink: string): string => permalink.slice(permalink.indexOf('#'))

/**
 * Keeps the edits with the configuration on screen: carries them along a change made in the page (before the
 * paint, so no frame shows the files without them), then re-applies each stale edit to its new generated text
 * or marks the conflict.
 */
export function useFollowEdits(key: string, files: readonly { path: string; text: string }[]): Edits {
  const navigations = useEditsStore((s) => s.navigations)
  const edits = useConfigEdits(key)
  useLayoutEffect(() => {
    useEditsStore.getState().follow(
      key,
      files.map((f) => f.path),
    )
    // The files follow the key: both come from the same configuration.
  }, [key, navigations])
  useEffect(() => {
    const stale = files.flatMap((f) => {
      const edit = edits[f.path]
      // Stale, and not already found to conflict with this text (edit-state.ts: "pending").
      return edit && edit.generatedFrom !== f.text && edit.conflictWith !== f.text ? [{ file: f, edit }] : []
    })
    if (stale.length === 0) return
    void import('./merge-edit.ts').then(({ reapply }) => {
      for (const { file, edit } of stale)
        useEditsStore.getState().settle(key, file.path, edit, reapply(edit, file.text))
    })
  }, [key, files, edits])
  return edits
}
