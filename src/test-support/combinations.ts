// Every platform combination the form allows, for tests that sweep them all.
import {
  AMI_IDS,
  HOST_FAMILIES,
  NETWORK_MODES,
  OPERATING_SYSTEMS,
  platformDefaults,
  type WizardConfig,
} from '../config/schema.ts'
import { amiInfo } from '../knowledge/amis.ts'
import { PLATFORMS } from '../knowledge/platforms.ts'

/**
 * Every EC2 AMI × host family (where the AMI asks) × network mode × instance-metadata blocking, on `base`; the
 * none mode without port mappings (it allows none); then every Fargate OS and release (awsvpc, its smallest
 * task size).
 */
export function platformCombinations(base: WizardConfig): WizardConfig[] {
  const fargate = OPERATING_SYSTEMS.flatMap((os) =>
    PLATFORMS[os].fargate.amis.flatMap((ami) =>
      [true, false].map((blockInstanceMetadata): WizardConfig => ({
        ...base,
        os,
        ami,
        launchType: 'fargate',
        networkMode: 'awsvpc',
        blockInstanceMetadata,
        task: { ...base.task, memory: platformDefaults(os, 'fargate', ami).memory },
      })),
    ),
  )
  return [...ec2Combinations(base), ...fargate]
}

function ec2Combinations(base: WizardConfig): WizardConfig[] {
  return AMI_IDS.flatMap((ami) =>
    (amiInfo(ami).asksHostFamily ? HOST_FAMILIES : (['rhel'] as const)).flatMap((hostFamily) =>
      NETWORK_MODES.flatMap((networkMode) =>
        [true, false].map((blockInstanceMetadata) => ({
          ...base,
          os: amiInfo(ami).os,
          ami,
          hostFamily,
          networkMode,
          blockInstanceMetadata,
          task: { ...base.task, portMappings: networkMode === 'none' ? [] : base.task.portMappings },
        })),
      ),
    ),
  )
}
