// The one place that reads and writes the configuration: the URL fragment, through the permalink codec.
import { useCallback, useMemo } from 'react'
import { useNavigate, useRouterState } from '@tanstack/react-router'
import { decodePermalink, encodePermalink } from '../config/permalink.ts'
import type { WizardConfig } from '../config/schema.ts'
import { router } from '../router.tsx'

const currentQuery = (search: unknown) => (search as { query?: string }).query ?? ''
const decodeQuery = (query: string) => decodePermalink(query ? `#/?${query}` : '#/')

export function useConfig() {
  const query = useRouterState({ select: (s) => currentQuery(s.location.search) })
  const decoded = useMemo(() => decodeQuery(query), [query])
  const navigate = useNavigate()
  /** Applies `change` to the latest config (not a stale render's) and writes the result to the URL. */
  const update = useCallback(
    (change: (config: WizardConfig) => WizardConfig) => {
      const latest = decodeQuery(currentQuery(router.state.location.search)).config
      const next = change(structuredClone(latest))
      void navigate({ to: '/', search: { query: encodePermalink(next).slice('#/?'.length) }, replace: true })
    },
    [navigate],
  )
  return { config: decoded.config, linkIssues: decoded.issues, update }
}

/** The page's address without the fragment: script headers then carry the full permalink. */
export const siteBaseUrl = () => `${window.location.origin}${window.location.pathname}`
