// A configuration in a few lines, and every value in it that is weaker than the safe defaults. Shown by the
// Review step and when a link is opened (link-summary.tsx), so a shared link cannot switch a protection off
// without saying so.
import { defaultsFor, type WizardConfig } from '../config/schema.ts'
import { amiInfo } from '../knowledge/amis.ts'
import { partitionOfRegion } from '../knowledge/partitions.ts'
import { fieldLabel } from './config-paths.ts'
import { goToField } from './go-to-field.ts'
import './config-summary.css'

export interface Weakening {
  field: string
  text: string
}

/** Every value of `config` that gives containers or the task role more than the defaults do. */
export function weakenings(config: WizardConfig): Weakening[] {
  const out: Weakening[] = []
  if (!config.blockInstanceMetadata)
    out.push({
      field: 'blockInstanceMetadata',
      text: 'The instance metadata block is off: containers can reach the instance metadata service and take the instance role’s credentials.',
    })
  else if (config.networkMode === 'host')
    out.push({
      field: 'networkMode',
      text: 'Host network mode: containers share the instance’s network, so nothing blocks the instance metadata service for them.',
    })
  if (!config.sourceConditions)
    out.push({
      field: 'sourceConditions',
      text: 'The trust policy conditions are off: the task role’s trust policy has no aws:SourceAccount and aws:SourceArn conditions.',
    })
  config.buckets.forEach((bucket, i) => {
    if (bucket.access !== 'read')
      out.push({
        field: `buckets.${i}.access`,
        text: `Write access to S3: ${bucket.access} on ${bucket.name}${bucket.prefix ? `, prefix ${bucket.prefix}` : ', the whole bucket'}.`,
      })
  })
  if (config.extraStatements)
    out.push({
      field: 'extraStatements',
      text: 'Extra policy statements give the task role permissions beyond the buckets: read them before you use the policy.',
    })
  const image = defaultsFor(config).task.image
  if (config.task.image !== image)
    out.push({
      field: 'task.image',
      text: `A container image other than the default (${image}): ${config.task.image}. It runs with the task role’s credentials.`,
    })
  if (config.configObject)
    out.push({
      field: 'configObject',
      text: `The instance fetches its agent settings (ecs.config) from s3://${config.configObject.bucket}/${config.configObject.key} at boot: settings this page does not show.`,
    })
  return out
}

export function ConfigSummary({ config }: { config: WizardConfig }) {
  const partition = partitionOfRegion(config.region)
  return (
    <dl className="summary">
      <dt>Platform</dt>
      <dd>{amiInfo(config.ami).label}</dd>
      <dt>Network</dt>
      <dd>
        {config.networkMode} mode; instance metadata {config.blockInstanceMetadata ? 'blocked' : 'reachable'}{' '}
        from containers
      </dd>
      <dt>Access</dt>
      <dd>
        {config.buckets.length === 0
          ? 'no buckets'
          : config.buckets.map((b) => `${b.name}${b.prefix ? `/${b.prefix}` : ''} (${b.access})`).join(', ')}
        {config.extraStatements ? '; extra policy statements' : ''}
      </dd>
      <dt>Where</dt>
      <dd>
        cluster {config.clusterName}, account {config.accountId}, {config.region}
        {partition ? ` (${partition.id} partition)` : ''}
      </dd>
      <dt>Task</dt>
      <dd>
        {config.task.family}: {config.task.image}
      </dd>
    </dl>
  )
}

/** The weakenings as a list, each leading to its field. */
export function WeakeningList({ items }: { items: readonly Weakening[] }) {
  return (
    <ul className="weakenings">
      {items.map((w) => (
        <li key={w.field}>
          {w.text}{' '}
          <button type="button" className="link" onClick={() => goToField(w.field)}>
            Go to {fieldLabel(w.field)}
          </button>
        </li>
      ))}
    </ul>
  )
}
