import { ROTATION_MAXIMUM_HOURS, TAG_CREDENTIAL_CLASS, TAG_DEPLOYMENT } from '../../contracts';
import { configPolicies } from './config-policies';

/**
 * The AWS Config rules BrokerGuardConfigRules makes: the run-time twin of the pack. AWS managed
 * rules where one exists (identifiers and parameters from the AWS Config developer guide's
 * managed-rule pages), Guard custom policies generated from the twins otherwise. Plain data, so
 * docs/runtime-checks.md's table is rendered from the same list the construct builds from.
 */
export interface ConfigRuleSpec {
  /** Rule name suffix: `brokerguard-<deployment>-<key>`. */
  readonly key: string;
  /** AWS managed rule identifier, or `CUSTOM_POLICY` for a Guard policy rule. */
  readonly identifier: string;
  readonly parameters?: Readonly<Record<string, number>>;
  /** Tag scope: only resources with this tag (value `deployment` means the deployment name). */
  readonly scopeTag?: { readonly key: string; readonly value?: string };
  readonly resourceTypes: readonly string[];
  /** Pack rule this twins, if any. */
  readonly twinOf?: string;
  /** What it checks, for the docs. */
  readonly checks: string;
  /** Guard text of a custom policy rule. */
  readonly policyText?: string;
  /** The credential class the rule is made for, if it is one of a per-class pair. */
  readonly credentialClass?: string;
}

/** The deployment placeholder in `scopeTag.value`. */
export const DEPLOYMENT_SCOPE = 'deployment';

/** Every Config rule, with `classes` the credential classes to check rotation for. */
export function configRuleCatalog(
  classes: readonly string[] = Object.keys(ROTATION_MAXIMUM_HOURS),
): ConfigRuleSpec[] {
  const secret = ['AWS::SecretsManager::Secret'];
  const perClass = classes.flatMap((cls): ConfigRuleSpec[] => {
    const hours = ROTATION_MAXIMUM_HOURS[cls];
    const days = Math.max(1, Math.ceil(hours / 24));
    return [
      {
        key: `${cls}-rotation`,
        identifier: 'SECRETSMANAGER_ROTATION_ENABLED_CHECK',
        parameters: { maximumAllowedRotationFrequencyInHours: hours },
        scopeTag: { key: TAG_CREDENTIAL_CLASS, value: cls },
        resourceTypes: secret,
        twinOf: 'BG-ROT-1',
        checks: `${cls} secrets have rotation on, at most every ${hours} hours`,
        credentialClass: cls,
      },
      {
        key: `${cls}-rotated`,
        identifier: 'SECRETSMANAGER_SECRET_PERIODIC_ROTATION',
        parameters: { maxDaysSinceRotation: days },
        scopeTag: { key: TAG_CREDENTIAL_CLASS, value: cls },
        resourceTypes: secret,
        twinOf: 'BG-ROT-1',
        checks: `${cls} secrets were rotated within the last ${days} day(s)`,
        credentialClass: cls,
      },
    ];
  });
  const scope = { key: TAG_DEPLOYMENT, value: DEPLOYMENT_SCOPE };
  return [
    ...perClass,
    {
      key: 'rotation-succeeded',
      identifier: 'SECRETSMANAGER_SCHEDULED_ROTATION_SUCCESS_CHECK',
      scopeTag: scope,
      resourceTypes: secret,
      checks: "the deployment's scheduled rotations succeed",
    },
    {
      key: 'secrets-on-cmk',
      identifier: 'SECRETSMANAGER_USING_CMK',
      scopeTag: scope,
      resourceTypes: secret,
      twinOf: 'BG-KMS-1',
      checks: "the deployment's secrets are encrypted with a customer-managed key",
    },
    {
      key: 'key-rotation',
      identifier: 'CMK_BACKING_KEY_ROTATION_ENABLED',
      scopeTag: scope,
      resourceTypes: ['AWS::KMS::Key'],
      twinOf: 'BG-KMS-1',
      checks: "the deployment's customer-managed keys rotate",
    },
    {
      key: 'console-mfa',
      identifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
      resourceTypes: [],
      checks: 'every IAM user with a console password has MFA (account-wide)',
    },
    {
      key: 'root-access-key',
      identifier: 'IAM_ROOT_ACCESS_KEY_CHECK',
      resourceTypes: [],
      checks: 'the root user has no access key (account-wide)',
    },
    ...configPolicies().map((p): ConfigRuleSpec => ({
      key: `guard-${p.ruleId.toLowerCase()}`,
      identifier: 'CUSTOM_POLICY',
      resourceTypes: p.resourceTypes,
      twinOf: p.ruleId,
      checks: `${p.ruleName} on the recorded configuration (Guard policy generated from the twin)`,
      policyText: p.text,
    })),
  ];
}

/** The docs table of the Config rules (default classes). */
export function configRulesTableMarkdown(): string {
  const rows = configRuleCatalog().map((r) => {
    const params = Object.entries(r.parameters ?? {})
      .map(([k, v]) => `\`${k}\`=${v}`)
      .join(', ');
    const tagValue = r.scopeTag?.value === DEPLOYMENT_SCOPE ? '<deployment>' : r.scopeTag?.value;
    const scope = r.scopeTag
      ? `tag \`${r.scopeTag.key}${tagValue ? `=${tagValue}` : ''}\``
      : r.resourceTypes.length
        ? r.resourceTypes.map((t) => `\`${t}\``).join(', ')
        : 'account';
    return `| \`brokerguard-<deployment>-${r.key}\` | \`${r.identifier}\`${params ? ` (${params})` : ''} | ${scope} | ${r.twinOf ?? '—'} | ${r.checks} |`;
  });
  return [
    '| rule | source | scope | twin of | checks |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
