// The one place that reads and writes the configuration: the URL fragment, through the permalink codec.
import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { useNavigate, useRouterState } from '@tanstack/react-router'
import { decodePermalink, encodePermalink } from '../config/permalink.ts'
import type { WizardConfig } from '../config/schema.ts'
import { router } from '../router.tsx'

const currentQuery = (search: unknown) => (search as { query?: string }).query ?? ''
const decodeQuery = (query: string) => decodePermalink(query ? `#/?${query}` : '#/')

// The query just written, until the router has applied it. The router navigates asynchronously; rendering
// from this at once lets the output follow a keystroke within the same event, before the next frame, and
// lets a fast second keystroke build on the first instead of on router state that has not caught up.
let writtenQuery: string | undefined
const listeners = new Set<() => void>()
const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
function setWrittenQuery(query: string | undefined) {
  writtenQuery = query
  for (const listener of listeners) listener()
}

export function useConfig() {
  const routerQuery = useRouterState({ select: (s) => currentQuery(s.location.search) })
  const pathname = useRouterState({ select: (s) => s.location.pathname })
  const query = useSyncExternalStore(subscribe, () => writtenQuery) ?? routerQuery
  const decoded = useMemo(() => {
    const result = decodeQuery(query)
    if (pathname === '/') return result
    const issue = {
      field: '',
      message: 'The link pointed at a page this tool does not have; its settings were read for the wizard.',
    }
    return { ...result, issues: [issue, ...result.issues] }
  }, [query, pathname])
  const navigate = useNavigate()
  /** Applies `change` to the latest config and writes the result to the URL. */
  const update = useCallback(
    (change: (config: WizardConfig) => WizardConfig) => {
      const latest = decodeQuery(writtenQuery ?? currentQuery(router.state.location.search)).config
      const next = encodePermalink(change(structuredClone(latest))).slice('#/?'.length)
      setWrittenQuery(next)
      void navigate({ to: '/', search: { query: next }, replace: true }).finally(() => {
        if (writtenQuery === next) setWrittenQuery(undefined)
      })
    },
    [navigate],
  )
  return { config: decoded.config, linkIssues: decoded.issues, update }
}

/** The page's address without the fragment: script headers then carry the full permalink. */
export const siteBaseUrl = () => `${window.location.origin}${window.location.pathname}`
