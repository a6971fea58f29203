import { useSyncExternalStore } from 'react'

const query = () => window.matchMedia('(prefers-color-scheme: dark)')

/** Whether the system asks for a dark theme; follows changes live. */
export function usePrefersDark(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = query()
      media.addEventListener('change', onChange)
      return () => media.removeEventListener('change', onChange)
    },
    () => query().matches,
    () => false,
  )
}
