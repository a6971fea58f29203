// The page-level notice about edits, shown while this browser holds any (or could not save them). Its own
// chunk, with the edits store: the output that needs them arrives after the first render anyway.
import { lazy, Suspense } from 'react'
import { withWords } from './lazy-parts.ts'
import type { GenerateResult } from '../generator/types.ts'
import { useEditsStore } from './edits-store.ts'

const EditsNoticeList = lazy(withWords(() => import('./edits-notice-list.tsx')))

export default function EditsNoticeBody({ result }: { result: GenerateResult }) {
  const any = useEditsStore((s) => s.unsaved || Object.keys(s.byConfig).length > 0)
  return any ? (
    <Suspense fallback={null}>
      <EditsNoticeList result={result} />
    </Suspense>
  ) : null
}
