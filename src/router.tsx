// Thin routing glue: the configuration lives in the URL fragment (hash history), so it never reaches a
// server. The search string is kept verbatim and decoded by the permalink codec, not by the router's
// JSON-ish default parser, which would turn an account ID such as 012345678901 into a number.
import { createHashHistory, createRootRoute, createRoute, createRouter } from '@tanstack/react-router'
import { App } from './wizard/app.tsx'

// An unknown path (a mangled link) still opens the wizard; use-config.ts says the path was ignored.
const rootRoute = createRootRoute({ notFoundComponent: App })

export const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: App })

/** The router's search state: the permalink query, verbatim (`v=1&os=windows…`). */
export interface PermalinkSearch {
  query: string
}

export const router = createRouter({
  routeTree: rootRoute.addChildren([indexRoute]),
  history: createHashHistory(),
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
