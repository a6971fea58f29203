// The page-level notice about edits. It needs the generated files, so it shows only once the generator has
// arrived; its body and the edits store load then, in their own chunk, so the first load carries neither.
import { lazy, Suspense } from 'react'
import { withWords } from './lazy-parts.ts'
import type { GenerateResult } from '../generator/types.ts'
// Listens for navigations from the start, ahead of the router, for the edits store that loads later.
import './navigations.ts'

const EditsNoticeBody = lazy(withWords(() => import('./edits-notice-body.tsx')))

export function EditsNotice({ result }: { result: GenerateResult }) {
  // Its own boundary: the page around it never waits for it.
  return (
    <Suspense fallback={null}>
      <EditsNoticeBody result={result} />
    </Suspense>
  )
}
