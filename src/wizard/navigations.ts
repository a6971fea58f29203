// Navigations of the page (a reload, a pasted link, back/forward: each fires popstate), heard before the router
// hears them. Its listener is added when the page starts, ahead of the router's (listeners on one target run in
// the order they were added), so whoever counts navigations (edits-store.ts, loaded later in its own chunk)
// learns of one before the page renders the configuration it leads to. In this first-load module rather than
// in the store, so the first load carries a few lines instead of the store.
const listeners = new Set<() => void>()

if (typeof window !== 'undefined')
  window.addEventListener(
    'popstate',
    () => {
      for (const listener of listeners) listener()
    },
    true,
  )

/** Calls `listener` on every navigation from now on. */
export function onNavigation(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
