// Thin routing glue: the configuration lives in the URL fragment (hash history), so it never reaches a
// server. The search string is kept verbatim and decoded by the permalink codec, not by the router's
// JSON-ish default parser, which would turn an account ID such as 012345678901 into a number.
import {
  createBrowserHistory,
  createRootRoute,
  createRoute,
  createRouter,
  type HistoryState,
} from '@tanstack/react-router'
import { linkRoute } from './config/permalink.ts'
import { App } from './wizard/app.tsx'

// An unknown path (a mangled link) still opens the wizard; the permalink codec says the path was ignored.
const rootRoute = createRootRoute({ notFoundComponent: App })

export const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: App })

/** The router's search state: the permalink query, verbatim (`v=1&os=windows…`). */
export interface PermalinkSearch {
  query: string
}

/**
 * Hash history that reads the address as the CLI reads a link (linkRoute): the settings come from the
 * fragment's query only, never from an outer `?query` (TanStack's hash history appends that to the route's
 * search) nor from a second "#". Writing drops the outer query: the address then holds one copy of the settings.
 */
const linkHistory = () =>
  createBrowserHistory({
    parseLocation: () => {
      const { path, query } = linkRoute(window.location.href)
      const search = query ? `?${query}` : ''
      // createBrowserHistory gives the first entry its key (history.state) before it reads the location; an
      // entry the browser made for a link pasted into the address bar has none yet (null), which TanStack's
      // own parser would fill in the same way.
      const key = Math.random().toString(36).slice(2)
      const state = (window.history.state as (HistoryState & { __TSR_index: number }) | null) ?? {
        __TSR_index: 0,
        key,
        __TSR_key: key,
      }
      return { href: `${path}${search}`, pathname: path, search, hash: '', state }
    },
    createHref: (href) => `${window.location.pathname}#${href}`,
  })

export const router = createRouter({
  routeTree: rootRoute.addChildren([indexRoute]),
  history: linkHistory(),
  // The router re-serialises the URL from its parsed search; keeping the text whole means it writes back
  // exactly what it read.
  parseSearch: (searchStr): PermalinkSearch => ({ query: searchStr.replace(/^\?/, '') }),
  stringifySearch: (search) => {
    const query = (search as Partial<PermalinkSearch>).query
    return query ? `?${query}` : ''
  },
})

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
