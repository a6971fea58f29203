// Parts the first view does not show: steps 2 to 5, the file view (the output opens on "Apply steps")
// and the zip writer.
// They load in their own chunks, fetched as soon as the browser is idle after the first render, so the
// first load carries less and a later click rarely waits.
import { lazy } from 'react'

const imports = {
  network: () => import('./steps/network-step.tsx'),
  access: () => import('./steps/access-step.tsx'),
  names: () => import('./steps/names-step.tsx'),
  review: () => import('./steps/review-step.tsx'),
  fileView: () => import('./file-view.tsx'),
  zip: () => import('../ui/zip.ts'),
}

export const NetworkStep = lazy(() => imports.network().then((m) => ({ default: m.NetworkStep })))
export const AccessStep = lazy(() => imports.access().then((m) => ({ default: m.AccessStep })))
export const NamesStep = lazy(() => imports.names().then((m) => ({ default: m.NamesStep })))
export const ReviewStep = lazy(() => imports.review().then((m) => ({ default: m.ReviewStep })))
export const FileView = lazy(() => imports.fileView().then((m) => ({ default: m.FileView })))

/** Fetches every lazy part once the page is idle. */
export function prefetchWhenIdle(): void {
  const load = () => {
    for (const load of Object.values(imports)) void load()
  }
  if ('requestIdleCallback' in window) window.requestIdleCallback(load, { timeout: 2000 })
  else setTimeout(load, 200)
}
