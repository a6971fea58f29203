// The output: findings, "Copy link" and "Download all", one tab per file grouped by where it goes, and the
// runbook (the Apply view). What it shows, copies and downloads is the configuration on screen with the user's
// edits of it (edits-store.ts), and it says which files are edits.
import { Suspense, useLayoutEffect, useState, type KeyboardEvent } from 'react'
import type { Destination, Finding, GenerateResult } from '../generator/types.ts'
import { msg, type Message, type MessageKey } from '../i18n/message.ts'
import { Text, useT } from '../ui/i18n.tsx'
import { CopyButton, useCopy } from './copy-button.tsx'
import { configKey, useFollowEdits } from './edits-store.ts'
import { useWizard } from './fields.tsx'
import { FindingsList } from './findings-list.tsx'
import { guard } from './invalid-fields.ts'
import { FileView, loadDownloadAll, RunbookView } from './lazy-parts.ts'
import { noteOutputRendered } from './perf.ts'
import { useUiStore } from './ui-store.ts'

// A label for each group of the artifact table (generator/artifacts.ts), in the order the tab groups show:
// typed over the table's groups, so a group added there without a label here fails to compile.
const GROUP_LABELS: Record<Destination, MessageKey> = {
  setup: 'wizard.output.group.setup',
  iam: 'wizard.output.group.iam',
  ec2: 'wizard.output.group.ec2',
  host: 'wizard.output.group.host',
  ecs: 'wizard.output.group.ecs',
  container: 'wizard.output.group.container',
  iac: 'wizard.output.group.iac',
}
const GROUPS = Object.entries(GROUP_LABELS) as [Destination, MessageKey][]

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

/** One line of counts; the list opens on request, and by itself when there are errors. */
function FindingsSummary({ findings }: { findings: Finding[] }) {
  const t = useT()
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
      <summary>{t('wizard.output.findings', { total: findings.length, errors, warnings, notes })}</summary>
      <FindingsList findings={findings} />
    </details>
  )
}

/** The output's place while the generator's chunk is on its way (a moment after the first paint). */
export function OutputPanel({ result, invalid }: { result: GenerateResult; invalid: Finding[] }) {
  const selected = useUiStore((s) => s.selected)
  const select = useUiStore((s) => s.select)
  const { config } = useWizard()
  const t = useT()
  const files = result.files
  const key = configKey(result.permalink)
  const edits = useFollowEdits(key, files)
  const edited = files.filter((f) => edits[f.path] !== undefined)
  // The canonical link of the configuration on screen, never location.href (which may hold an outer query,
  // a second "#" or non-canonical keys).
  const link = result.permalink
  const [status, setStatus] = useState<Message>()
  // Copy link says "Copied", falls back to copying by hand, and asks first when fields are not valid (copy-button.tsx).
  const linkCopy = useCopy({
    text: () => link,
    action: 'wizard.output.copyLink',
    fallbackLabel: t('wizard.output.linkLabel'),
    done: t('wizard.output.linkCopied', { edited: edited.length }),
  })
  const downloadAll = () =>
    // Loaded on first use; the blob is then handed to the browser in this same click.
    void loadDownloadAll().then(({ downloadAll }) => {
      downloadAll({ config, files, edits, link })
      setStatus(msg('wizard.output.downloaded', { edited: edited.length }))
    })
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
      {edited && <span className="badge badge-edited"> {t('wizard.file.editedBadge')}</span>}
    </button>
  )

  return (
    <section className="output" aria-labelledby="output-title">
      <div className="output-header">
        <h2 id="output-title">{t('wizard.output.title')}</h2>
        <div className="output-actions">
          <CopyButton action={linkCopy}>{t('wizard.output.copyLink')}</CopyButton>
          {/* With fields that are not valid yet, Download all asks first (invalid-fields.ts). */}
          <button
            type="button"
            disabled={files.length === 0}
            onClick={() => guard('wizard.output.downloadAll', downloadAll)}
          >
            {t('wizard.output.downloadAllZip')}
          </button>
        </div>
      </div>
      {edited.length > 0 && (
        <p className="output-edited-note">
          <Text
            message={msg('wizard.output.editedNote', { count: edited.length })}
            components={{ 0: <span className="badge badge-edited" /> }}
          />
        </p>
      )}
      <p className="visually-hidden" role="status">
        {status && t(status)}
      </p>
      {linkCopy.fallback}
      <FindingsSummary findings={[...invalid, ...result.findings]} />
      {files.length === 0 ? (
        <p className="notice notice-error">{t('wizard.output.fixFields')}</p>
      ) : (
        <>
          <nav className="file-tabs" aria-label={t('wizard.output.files')}>
            <div className="tab-group">
              <span className="tab-group-label" aria-hidden="true">
                {t('wizard.output.overview')}
              </span>
              <div role="tablist" aria-label={t('wizard.output.overview')} onKeyDown={onTabKeys}>
                {tab(APPLY, t('wizard.output.applySteps'), false, true, true)}
              </div>
            </div>
            {GROUPS.map(([destination, name]) => {
              const label = t(name)
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
                <FileView file={current} configKey={key} />
              </Suspense>
            ) : (
              <Suspense fallback={<div className="file-view-placeholder" />}>
                <RunbookView
                  config={config}
                  files={files}
                  edits={edits}
                  onOpen={select}
                  onDownloadAll={() => guard('wizard.output.downloadAll', downloadAll)}
                />
              </Suspense>
            )}
          </div>
        </>
      )}
    </section>
  )
}
