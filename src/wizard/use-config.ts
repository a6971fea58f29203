// The one place that reads and writes the configuration: the URL fragment, through the permalink codec.
// One zustand store holds what the address means, {query, config, issues}, decoded once per navigation (the
// router's history says when) and once per change the wizard writes. The router is reached through
// useRouter(), so this module imports no router instance (and router.tsx, which imports the wizard, no cycle).
import { useCallback, useEffect, useState } from 'react'
import { useRouter, type HistoryLocation } from '@tanstack/react-router'
import { create } from 'zustand'
import { decodePermalink, encodePermalink, MAX_PERMALINK_LENGTH } from '../config/permalink.ts'
import type { FieldIssue } from '../config/schema-kit.ts'
import { DEFAULT_CONFIG, type WizardConfig } from '../config/schema.ts'
import { msg, type Message } from '../i18n/message.ts'

interface Decoded {
  /** The permalink query (`v=1&os=windows…`) and the route's path, as the address holds them. */
  query: string
  path: string
  config: WizardConfig
  /** What the address held that could not be used, each against its field. */
  issues: FieldIssue[]
}

interface ConfigState extends Decoded {
  /**
   * The query the wizard wrote and the router has not applied yet. The router navigates asynchronously;
   * rendering from the store at once lets the output follow a keystroke within the same event, and a fast
   * second keystroke builds on the first instead of on router state that has not caught up.
   */
  pending: string | undefined
  /** The configuration of a link the page was opened with (or navigated to), until the user has seen it. */
  opened: WizardConfig | undefined
  /** A change that was not made because the link would become too long to open, and why. */
  refused: Message | undefined
}

const decode = (query: string, path: string): Decoded => ({
  query,
  path,
  ...decodePermalink(`#${path}?${query}`),
})

const EMPTY_LINK = encodePermalink(DEFAULT_CONFIG)

export const useConfigStore = create<ConfigState>()(() => ({
  ...decode('', '/'),
  pending: undefined,
  opened: undefined,
  refused: undefined,
}))

/** Reads an address the wizard did not write (the first load, back and forward, a link pasted in). */
function follow(location: { pathname: string; search: string }) {
  const state = useConfigStore.getState()
  if (state.pending !== undefined) return
  const query = location.search.replace(/^\?/, '')
  if (query === state.query && location.pathname === state.path) return
  const next = decode(query, location.pathname)
  const holdsSettings = encodePermalink(next.config) !== EMPTY_LINK
  useConfigStore.setState({ ...next, opened: holdsSettings ? next.config : undefined, refused: undefined })
}

/** The page's address without the fragment: script headers then carry the full permalink. */
export const siteBaseUrl = () => `${window.location.origin}${window.location.pathname}`

/** The length of the full link to `config`, which must stay within what a link may hold to be read back. */
export const linkLength = (config: WizardConfig) => siteBaseUrl().length + encodePermalink(config).length

/** Why a value would make the link longer than a link may be, or undefined. */
export function linkTooLong(config: WizardConfig): Message | undefined {
  const length = linkLength(config)
  if (length <= MAX_PERMALINK_LENGTH) return undefined
  return msg('wizard.link.tooLong', { length, max: MAX_PERMALINK_LENGTH })
}

export function useConfig() {
  const router = useRouter()
  // The first render already shows the link's configuration; every later navigation is followed.
  useState(() => follow(router.history.location))
  useEffect(() => {
    follow(router.history.location)
    // Typed here: tests compile this file without the app's router registration (router.tsx).
    return router.history.subscribe(({ location }: { location: HistoryLocation }) => follow(location))
  }, [router])
  const config = useConfigStore((s) => s.config)
  const linkIssues = useConfigStore((s) => s.issues)

  /** Applies `change` to the latest config and writes the result to the URL. */
  const update = useCallback(
    (change: (config: WizardConfig) => WizardConfig) => {
      const next = change(structuredClone(useConfigStore.getState().config))
      if (linkTooLong(next)) {
        useConfigStore.setState({
          refused: msg('wizard.link.refused', { length: linkLength(next), max: MAX_PERMALINK_LENGTH }),
        })
        return
      }
      const query = encodePermalink(next).slice('#/?'.length)
      useConfigStore.setState({ ...decode(query, '/'), pending: query, refused: undefined })
      void router.navigate({ to: '/', search: { query }, replace: true }).finally(() => {
        if (useConfigStore.getState().pending !== query) return
        useConfigStore.setState({ pending: undefined })
        // A navigation that happened meanwhile (back, a pasted link) is read now.
        follow(router.history.location)
      })
    },
    [router],
  )
  return { config, linkIssues, update }
}
