import { BUCKET_ACCESS, type Bucket } from '../../config/schema.ts'
import { partitionOfRegion } from '../../knowledge/partitions.ts'
import { S3_ACCESS, s3Grant } from '../../knowledge/policies.ts'
import { SelectField, TextField, useWizard } from '../fields.tsx'
import { useDraftStore } from '../ui-store.ts'

const EXTRA_STATEMENTS_PLACEHOLDER = `[
  {
    "Effect": "Allow",
    "Action": "sqs:SendMessage",
    "Resource": "arn:aws:sqs:us-east-1:111122223333:my-queue"
  }
]`

const ACCESS_TEXT = {
  read: 'read (get objects, list the prefix)',
  'read-write': 'read-write (get, put, list; no delete)',
  write: 'write (put objects only)',
} as const

/** Drafts are keyed by path; when entries move, the drafts of the list would point at the wrong entry. */
function useClearListDrafts(prefix: string) {
  const { drafts, setDraft } = useDraftStore()
  return () => {
    for (const key of Object.keys(drafts)) if (key.startsWith(prefix)) setDraft(key, undefined)
  }
}

/** Exactly what the task role policy grants for one bucket: the same s3Grant() the policy is built from. */
function GrantHint({ bucket, partition }: { bucket: Bucket; partition: string }) {
  const grant = s3Grant(partition, bucket.name, bucket.prefix)
  return (
    <>
      Grants objects <code>{grant.objectArn}</code>
      {!S3_ACCESS[bucket.access].listBucket ? (
        ' and no listing.'
      ) : grant.listPrefix ? (
        <>
          {' '}
          and listing where <code>s3:prefix</code> is like <code>{grant.listPrefix}</code>.
        </>
      ) : (
        ' and listing of the whole bucket.'
      )}{' '}
      Used exactly as typed: end it with <code>/</code> to stay inside one folder.
    </>
  )
}

export function AccessStep() {
  const { config, update } = useWizard()
  const clearBucketDrafts = useClearListDrafts('buckets.')
  const partition = partitionOfRegion(config.region)?.id ?? 'aws'
  return (
    <>
      <p className="step-intro">
        The S3 buckets the application in the task uses. The task role gets exactly this access, scoped to the
        key prefix when you give one, and only in buckets that account {config.accountId} owns: a bucket of
        the same name in another account is refused.
      </p>
      {config.buckets.map((bucket, i) => (
        <fieldset key={i} className="list-entry">
          <legend>Bucket {i + 1}</legend>
          <TextField path={`buckets.${i}.name`} label="Bucket name" />
          <SelectField
            path={`buckets.${i}.access`}
            label="Access"
            options={BUCKET_ACCESS.map((a) => [a, ACCESS_TEXT[a]] as const)}
          />
          <TextField
            path={`buckets.${i}.prefix`}
            label="Key prefix"
            optional
            placeholder="e.g. uploads/ (empty: the whole bucket)"
            hint={<GrantHint bucket={bucket} partition={partition} />}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => {
              clearBucketDrafts()
              update((c) => ({ ...c, buckets: c.buckets.filter((_, j) => j !== i) }))
            }}
          >
            Remove bucket {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        disabled={config.buckets.length >= 50}
        onClick={() =>
          update((c) => ({
            ...c,
            buckets: [...c.buckets, { name: `my-bucket-${c.buckets.length + 1}`, access: 'read' }],
          }))
        }
      >
        Add a bucket
      </button>

      <TextField
        path="extraStatements"
        label="Extra policy statements (optional)"
        optional
        rows={6}
        placeholder={EXTRA_STATEMENTS_PLACEHOLDER}
        hint={
          <>
            More permissions for the task role: a JSON list of IAM statements, added after the bucket
            statements in <code>iam/task-role-policy.json</code> and kept in the link. Each needs{' '}
            <code>Effect</code>, <code>Action</code> (<code>service:Action</code>) and <code>Resource</code>;
            no <code>Principal</code>.
          </>
        }
      />

      <fieldset className="list-entry">
        <legend>Agent configuration from S3</legend>
        <div className="field field-inline">
          <input
            id="field-configObject"
            type="checkbox"
            checked={config.configObject !== undefined}
            // On Windows it can only be switched off (a link may have set it): the object is not used there.
            disabled={config.os === 'windows' && config.configObject === undefined}
            aria-describedby="configObject-hint"
            onChange={(e) =>
              update((c) => {
                if (!e.target.checked) {
                  const next = { ...c }
                  delete next.configObject
                  return next
                }
                return { ...c, configObject: { bucket: 'my-ecs-config-bucket', key: 'ecs.config' } }
              })
            }
          />
          <label htmlFor="field-configObject">Fetch ecs.config from a private S3 object at boot</label>
          <p className="hint" id="configObject-hint">
            {config.os === 'windows'
              ? 'Linux only: Windows instances take their agent settings from user data.'
              : 'For settings that should not sit in user data. The instance role may read only this object.'}
          </p>
        </div>
        {config.configObject && (
          <>
            <TextField path="configObject.bucket" label="Config bucket" />
            <TextField path="configObject.key" label="Config object key" />
          </>
        )}
      </fieldset>
    </>
  )
}
