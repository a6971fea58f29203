// The page-level notice about edits, shown while this browser holds any (or could not save them); its body
// loads in its own chunk, so a page without edits carries none of it.
import { lazy, Suspense } from 'react'
import { withWords } from './lazy-parts.ts'
import type { GenerateResult } from '../generator/types.ts'
import { useEditsStore } from './edits-store.ts'

const EditsNoticeList = lazy(withWords(() => import('./edits-notice-list.tsx')))

export function EditsNotice({ result }: { result: GenerateResult }) {
  const any = useEditsStore((s) => s.unsaved || Object.keys(s.byConfig).length > 0)
  return any ? (
    <Suspense fallback={null}>
      <EditsNoticeList result={result} />
    </Suspense>
  ) : null
}
