// Thin routing glue: the configuration lives in the URL fragment (hash history), so it never reaches a
// server. The search string is kept verbatim and decoded by the permalink codec, not by the router's
// JSON-ish default parser, which would turn an account ID such as 012345678901 into a number.
import { createHashHistory, createRootRoute, createRoute, createRouter } from '@tanstack/react-router'
import { App } from './wizard/app.tsx'

const rootRoute = createRootRoute()

export const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: App })

export const router = createRouter({
  routeTree: rootRoute.addChildren([indexRoute]),
  history: createHashHistory(),
  parseSearch: () => ({}),
  stringifySearch: () => '',
})

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
