// A first page: the configuration from the link, its findings and every generated file.
// The full wizard (steps, editor, downloads) builds on this.
import { useMemo } from 'react'
import { useRouterState } from '@tanstack/react-router'
import { decodePermalink } from '../config/permalink.ts'
import { generate } from '../generator/generate.ts'

export function App() {
  const query = useRouterState({ select: (s) => (s.location.search as { query?: string }).query ?? '' })
  const { config, issues } = useMemo(() => decodePermalink(query ? `#/?${query}` : '#/'), [query])
  const result = useMemo(() => generate(config), [config])
  return (
    <main className="page">
      <h1>ECS task role setup</h1>
      <p>
        {config.os === 'linux' ? 'Linux' : 'Windows'}, {config.ami}, {config.networkMode} network mode,
        cluster {config.clusterName} in {config.region}. Nothing you enter leaves this page.
      </p>
      {issues.length > 0 && (
        <section role="status" aria-label="Link notice" className="notice">
          <h2>Parts of the link were ignored</h2>
          <ul>
            {issues.map((issue, i) => (
              <li key={i}>{issue.message}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-label="Findings">
        <h2>Findings</h2>
        <ul>
          {result.findings.map((f, i) => (
            <li key={i} className={`finding finding-${f.severity}`}>
              <strong>{f.severity}</strong> {f.message} <small>({f.source})</small>
            </li>
          ))}
        </ul>
      </section>
      {result.files.map((file) => (
        <section key={file.path} aria-label={file.path}>
          <h2>{file.path}</h2>
          <p>{file.usage}</p>
          <pre tabIndex={0}>{file.text}</pre>
        </section>
      ))}
    </main>
  )
}
