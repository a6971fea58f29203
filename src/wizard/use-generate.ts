// The generator (every builder, every sentence of every script) loads in its own chunk, started right
// after the first render: the form is usable at once, and the output, whose first view is the lazily
// loaded runbook anyway, follows a moment later. Once loaded, every keystroke regenerates synchronously.
import { useEffect, useSyncExternalStore } from 'react'
import type { generate as Generate } from '../generator/generate.ts'
import { requireCatalogPart } from '../ui/i18n.tsx'

type GenerateFn = typeof Generate

let loaded: GenerateFn | undefined
let loading: Promise<void> | undefined
/** The last load failed (offline, or a deploy replaced the chunks): the output offers to try again. */
let failed = false
const listeners = new Set<() => void>()
const notify = () => {
  for (const listener of listeners) listener()
}

function load(): Promise<void> {
  // The findings, file titles and runbook are worded by the rest of the catalogs: they come with the generator.
  loading ??= Promise.all([
    import('../generator/generate.ts'),
    requireCatalogPart('rest'),
    import('./output-panel.tsx'),
  ]).then(
    ([m]) => {
      loaded = m.generate
      failed = false
      notify()
    },
    () => {
      loading = undefined
      failed = true
      notify()
    },
  )
  return loading
}

/** Loads the generator again after a failure. */
export function retryGenerate(): void {
  failed = false
  notify()
  void load()
}

export function useGenerateFailed(): boolean {
  return useSyncExternalStore(subscribe, () => failed)
}

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** `generate`, or undefined for the moment before its chunk has arrived. */
export function useGenerate(): GenerateFn | undefined {
  useEffect(() => {
    void load()
  }, [])
  return useSyncExternalStore(subscribe, () => loaded)
}
