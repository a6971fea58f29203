import { amiInfo } from '../../knowledge/amis.ts'
import { partitionOfRegion } from '../../knowledge/partitions.ts'
import { useWizard } from '../fields.tsx'
import { FindingsList } from '../findings-list.tsx'

export function ReviewStep() {
  const { config, findings } = useWizard()
  const partition = partitionOfRegion(config.region)
  return (
    <>
      <dl className="summary">
        <dt>Platform</dt>
        <dd>{amiInfo(config.ami).label}</dd>
        <dt>Network</dt>
        <dd>
          {config.networkMode} mode; instance metadata{' '}
          {config.blockInstanceMetadata ? 'blocked' : 'reachable'} from containers
        </dd>
        <dt>Access</dt>
        <dd>
          {config.buckets.length === 0
            ? 'no buckets'
            : config.buckets
                .map((b) => `${b.name}${b.prefix ? `/${b.prefix}` : ''} (${b.access})`)
                .join(', ')}
        </dd>
        <dt>Where</dt>
        <dd>
          cluster {config.clusterName}, account {config.accountId}, {config.region}
          {partition ? ` (${partition.id} partition)` : ''}
        </dd>
      </dl>
      <h3>Findings</h3>
      <FindingsList findings={findings} />
      <p>The files are on the right (below on a narrow screen); “Apply steps” lists them in order.</p>
    </>
  )
}
