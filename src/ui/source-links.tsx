// A citation as the generator writes it (formatCitation: "Title: URL · Title: URL"), as links users can
// follow. Each opens in a new tab without telling the page it came from. The titles are the cited pages'
// own, in English whatever the page's language: marked so (lang), for screen readers and the checks that
// every other word is translated.
import { Fragment } from 'react'

export function SourceLinks({ source }: { source: string }) {
  return (
    <>
      {source.split(' · ').map((part, i) => {
        // The title may hold ": " itself; the URL is what follows the last one.
        const cited = /^(.*): (https:\/\/\S+)$/.exec(part)
        return (
          <Fragment key={i}>
            {i > 0 && ' · '}
            {cited ? (
              <a href={cited[2]} target="_blank" rel="noreferrer noopener" lang="en">
                {cited[1]}
              </a>
            ) : (
              <span lang="en">{part}</span>
            )}
          </Fragment>
        )
      })}
    </>
  )
}
