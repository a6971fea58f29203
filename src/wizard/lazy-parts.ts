// Parts the first view does not show: Fargate's questions on the Platform step, steps 2 to 5, the file view (the output opens on "Apply steps"),
// the runbook (the Apply view itself, fetched at once but kept out of the main bundle) and "Download all".
// They load in their own chunks, fetched as soon as the browser is idle after the first render, so the
// first load carries less and a later click rarely waits.
import { lazy } from 'react'
import { requireCatalogPart } from '../ui/i18n.tsx'

/** A lazy part arrives with the rest of the catalogs (its words are there), never before them. */
export const withWords =
  <M>(load: () => Promise<M>) =>
  (): Promise<M> =>
    Promise.all([load(), requireCatalogPart('rest')]).then(([module]) => module)

const imports = {
  fargatePlatform: withWords(() => import('./steps/fargate-platform.tsx')),
  network: withWords(() => import('./steps/network-step.tsx')),
  access: withWords(() => import('./steps/access-step.tsx')),
  names: withWords(() => import('./steps/names-step.tsx')),
  review: withWords(() => import('./steps/review-step.tsx')),
  fileView: withWords(() => import('./file-view.tsx')),
  runbook: withWords(() => import('./runbook.tsx')),
  downloadAll: withWords(() => import('./download-all.ts')),
}

export const FargatePlatform = lazy(imports.fargatePlatform)
export const NetworkStep = lazy(() => imports.network().then((m) => ({ default: m.NetworkStep })))
export const AccessStep = lazy(() => imports.access().then((m) => ({ default: m.AccessStep })))
export const NamesStep = lazy(() => imports.names().then((m) => ({ default: m.NamesStep })))
export const ReviewStep = lazy(() => imports.review().then((m) => ({ default: m.ReviewStep })))
export const FileView = lazy(() => imports.fileView().then((m) => ({ default: m.FileView })))
export const RunbookView = lazy(imports.runbook)
export const loadDownloadAll = imports.downloadAll

/** Fetches every lazy part once the page is idle. */
export function prefetchWhenIdle(): void {
  const load = () => {
    for (const load of Object.values(imports)) void load()
  }
  if ('requestIdleCallback' in window) window.requestIdleCallback(load, { timeout: 2000 })
  else setTimeout(load, 200)
}
