// The one place that reads and writes the configuration: the URL fragment, through the permalink codec.
import { useCallback, useMemo } from 'react'
import { useNavigate, useRouterState } from '@tanstack/react-router'
import { decodePermalink, encodePermalink } from '../config/permalink.ts'
import type { WizardConfig } from '../config/schema.ts'
import { router } from '../router.tsx'

const currentQuery = (search: unknown) => (search as { query?: string }).query ?? ''
const decodeQuery = (query: string) => decodePermalink(query ? `#/?${query}` : '#/')

// The query most recently written. The router applies navigations asynchronously, so a keystroke that
// follows another quickly must build on what was written, not on router state that has not caught up.
let pendingQuery: string | undefined

export function useConfig() {
  const query = useRouterState({ select: (s) => currentQuery(s.location.search) })
  const pathname = useRouterState({ select: (s) => s.location.pathname })
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
  /** Applies `change` to the latest config (not a stale render's) and writes the result to the URL. */
  const update = useCallback(
    (change: (config: WizardConfig) => WizardConfig) => {
      const latest = decodeQuery(pendingQuery ?? currentQuery(router.state.location.search)).config
      const query = encodePermalink(change(structuredClone(latest))).slice('#/?'.length)
      pendingQuery = query
      void navigate({ to: '/', search: { query }, replace: true }).finally(() => {
        if (pendingQuery === query) pendingQuery = undefined
      })
    },
    [navigate],
  )
  return { config: decoded.config, linkIssues: decoded.issues, update }
}

/** The page's address without the fragment: script headers then carry the full permalink. */
export const siteBaseUrl = () => `${window.location.origin}${window.location.pathname}`
