// The output: findings, "Copy link" and "Download all", one tab per file grouped by where it goes, and the
// ordered apply view.
import { Suspense, useLayoutEffect, useState, type KeyboardEvent } from 'react'
import type { Artifact, Destination, Finding, GenerateResult } from '../generator/types.ts'
import { copyText, downloadBlob } from '../ui/transfer.ts'
import { CopyFallback } from './copy-fallback.tsx'
import { FindingsList } from './findings-list.tsx'
import { FileView } from './lazy-parts.ts'
import { noteOutputRendered } from './perf.ts'
import { useEditStore, useUiStore } from './ui-store.ts'

const GROUPS: readonly [Destination, string][] = [
  ['setup', 'Setup'],
  ['iam', 'IAM'],
  ['ec2', 'EC2 launch'],
  ['host', 'Host'],
  ['ecs', 'Task definition'],
  ['container', 'Container'],
]

export const APPLY = 'apply'
const tabId = (key: string) => `tab-${key.replace(/[^a-z0-9]/gi, '-')}`

/** Arrow keys move between the tabs of one group (WAI-ARIA tabs pattern). */
function onTabKeys(event: KeyboardEvent<HTMLDivElement>) {
  const tabs = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]')]
  const index = tabs.indexOf(document.activeElement as HTMLButtonElement)
  if (index < 0) return
  const next = {
    ArrowRight: index + 1,
    ArrowDown: index + 1,
    ArrowLeft: index - 1,
    ArrowUp: index - 1,
    Home: 0,
    End: tabs.length - 1,
  }[event.key]
  if (next === undefined) return
  event.preventDefault()
  const target = tabs[(next + tabs.length) % tabs.length]!
  target.focus()
  target.click()
}

function ApplyView({ files, onOpen }: { files: Artifact[]; onOpen: (path: string) => void }) {
  return (
    <article className="apply-view" aria-labelledby="apply-title">
      <h3 id="apply-title">Apply, in this order</h3>
      <ol>
        <li>
          <strong>Download all</strong> and unzip: the scripts read the JSON files from the folders next to
          them.
        </li>
        {files.map((file) => (
          <li key={file.path}>
            <button type="button" className="link" onClick={() => onOpen(file.path)}>
              {file.title} <code>{file.path}</code>
            </button>
            <p>{file.usage}</p>
            {file.check && (
              <p>
                Check: <code>{file.check}</code>
              </p>
            )}
          </li>
        ))}
      </ol>
    </article>
  )
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** One line of counts; the list opens on request, and by itself when there are errors. */
function FindingsSummary({ findings }: { findings: Finding[] }) {
  const [open, setOpen] = useState(false)
  const errors = findings.filter((f) => f.severity === 'error').length
  const warnings = findings.filter((f) => f.severity === 'warning').length
  const notes = findings.length - errors - warnings
  const shown = open || errors > 0
  return (
    <details
      className={`findings-summary${errors > 0 ? ' has-errors' : ''}`}
      open={shown}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        Findings:{' '}
        {findings.length === 0
          ? 'none'
          : [plural(errors, 'error'), plural(warnings, 'warning'), plural(notes, 'note')].join(', ')}
      </summary>
      <FindingsList findings={findings} />
    </details>
  )
}

export function OutputPanel({ result, invalid }: { result: GenerateResult; invalid: Finding[] }) {
  const selected = useUiStore((s) => s.selected)
  const select = useUiStore((s) => s.select)
  const edits = useEditStore((s) => s.edits)
  const [linkFallback, setLinkFallback] = useState(false)
  const [status, setStatus] = useState('')
  const files = result.files
  useLayoutEffect(noteOutputRendered, [result])
  const current = files.find((f) => f.path === selected)
  const shown = current ? current.path : APPLY

  // Each group is its own tablist: its selected tab, or else its first, is the one Tab stops on.
  const tab = (
    key: string,
    label: string,
    edited: boolean,
    firstOfGroup: boolean,
    groupHasSelected: boolean,
  ) => (
    <button
      key={key}
      type="button"
      role="tab"
      id={tabId(key)}
      aria-selected={shown === key}
      aria-controls="file-panel"
      tabIndex={shown === key || (firstOfGroup && !groupHasSelected) ? 0 : -1}
      onClick={() => select(key)}
    >
      {label}
      {edited && <span className="badge badge-edited"> edited</span>}
    </button>
  )

  return (
    <section className="output" aria-labelledby="output-title">
      <div className="output-header">
        <h2 id="output-title">Generated files</h2>
        <div className="output-actions">
          <button
            type="button"
            onClick={() => {
              void copyText(window.location.href).then((ok) => {
                if (ok) setStatus('Link copied')
                else setLinkFallback(true)
              })
            }}
          >
            Copy link
          </button>
          <button
            type="button"
            disabled={files.length === 0}
            onClick={() => {
              const contents = files.map((f) => ({ path: f.path, text: edits[f.path]?.text ?? f.text }))
              // The zip writer loads on first use; the blob is then handed to the browser in this same click.
              void import('../ui/zip.ts').then(({ zipFiles }) =>
                downloadBlob(
                  'ecs-task-role-setup.zip',
                  new Blob([zipFiles(contents)], { type: 'application/zip' }),
                ),
              )
            }}
          >
            Download all (.zip)
          </button>
        </div>
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {linkFallback && (
        <CopyFallback
          text={window.location.href}
          label="Link to this configuration"
          onClose={() => setLinkFallback(false)}
        />
      )}
      <FindingsSummary findings={[...invalid, ...result.findings]} />
      {files.length === 0 ? (
        <p className="notice notice-error">Fix the fields marked above to see the files.</p>
      ) : (
        <>
          <nav className="file-tabs" aria-label="Files">
            <div className="tab-group">
              <span className="tab-group-label" aria-hidden="true">
                Overview
              </span>
              <div role="tablist" aria-label="Overview" onKeyDown={onTabKeys}>
                {tab(APPLY, 'Apply steps', false, true, true)}
              </div>
            </div>
            {GROUPS.map(([destination, label]) => {
              const group = files.filter((f) => f.destination === destination)
              if (group.length === 0) return null
              return (
                <div key={destination} className="tab-group">
                  <span className="tab-group-label" aria-hidden="true">
                    {label}
                  </span>
                  <div role="tablist" aria-label={label} onKeyDown={onTabKeys}>
                    {group.map((f, i) =>
                      tab(
                        f.path,
                        f.path.slice(f.path.indexOf('/') + 1),
                        edits[f.path] !== undefined,
                        i === 0,
                        group.some((g) => g.path === shown),
                      ),
                    )}
                  </div>
                </div>
              )
            })}
          </nav>
          <div id="file-panel" role="tabpanel" aria-labelledby={tabId(shown)} className="file-panel">
            {current ? (
              <Suspense fallback={<div className="file-view-placeholder" />}>
                <FileView file={current} />
              </Suspense>
            ) : (
              <ApplyView files={files} onOpen={select} />
            )}
          </div>
        </>
      )}
    </section>
  )
}
