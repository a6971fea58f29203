// The read-only view of a file: highlighted lines with their numbers, and next to each line that has one a
// marker that opens why the line is there and its source. Reading is not editing: a double-click selects text
// as everywhere else; only Enter on the focused view (or the Edit button around it) asks for the editor.
// Numbers and markers are out of the text's flow (CSS), so a selection copies exactly the file's text.
import { Fragment, useMemo, useState } from 'react'
import type { Language, LineSource } from '../generator/types.ts'
import { highlightLines } from './highlight.tsx'
import { useT } from './i18n.tsx'
import { SourceLinks } from './source-links.tsx'
import './code-view.css'

export interface CodeViewProps {
  text: string
  language: Language
  /** Why lines are there, by 1-based line number of `text`. */
  notes: readonly LineSource[]
  label: string
  /** Enter on the focused view. */
  onEnter: () => void
  /** A prefix for element ids, unique on the page. */
  idPrefix: string
}

export function CodeView({ text, language, notes, label, onEnter, idPrefix }: CodeViewProps) {
  const t = useT()
  const lines = useMemo(() => highlightLines(text, language), [text, language])
  const byLine = useMemo(() => {
    const map = new Map<number, LineSource[]>()
    for (const note of notes) map.set(note.line, [...(map.get(note.line) ?? []), note])
    return map
  }, [notes])
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set())
  const toggle = (line: number) =>
    setOpen((lines) => {
      const next = new Set(lines)
      if (!next.delete(line)) next.add(line)
      return next
    })

  return (
    <pre
      className={`code code-lines code-${language}`}
      tabIndex={0}
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) {
          e.preventDefault()
          onEnter()
        }
      }}
    >
      <code>
        {lines.map((parts, i) => {
          const line = i + 1
          const lineNotes = byLine.get(line)
          const noteId = `${idPrefix}-why-${line}`
          const shown = lineNotes !== undefined && open.has(line)
          return (
            <Fragment key={i}>
              <span className="line" data-line={line}>
                {lineNotes && (
                  <button
                    type="button"
                    className="line-marker"
                    aria-label={t('wizard.codeView.why', { line })}
                    aria-expanded={shown}
                    aria-controls={shown ? noteId : undefined}
                    title={lineNotes.map((n) => t(n.note)).join('\n')}
                    onClick={() => toggle(line)}
                  />
                )}
                {parts}
                {i < lines.length - 1 && '\n'}
              </span>
              {shown && (
                <span
                  className="line-note"
                  id={noteId}
                  role="note"
                  aria-label={t('wizard.codeView.line', { line })}
                >
                  {lineNotes.map((n, j) => (
                    <span key={j} className="line-note-item">
                      {t(n.note)}
                      {n.source && (
                        <>
                          {' '}
                          <cite>
                            <SourceLinks source={n.source} />
                          </cite>
                        </>
                      )}
                    </span>
                  ))}
                </span>
              )}
            </Fragment>
          )
        })}
      </code>
    </pre>
  )
}
