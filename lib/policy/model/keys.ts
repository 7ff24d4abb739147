import { ModelResource, TemplateModel } from './template-model';

/** The key a `KmsKeyId` names: the key itself, or the key an alias of the template targets. */
export function keyOf(model: TemplateModel, value: unknown): ModelResource | undefined {
  const direct = model.target(value);
  if (direct?.type === 'AWS::KMS::Key') return direct;
  if (direct?.type === 'AWS::KMS::Alias') return model.target(direct.properties.TargetKeyId);
  const flat = model.flatten(value);
  if (flat === undefined) return undefined;
  const alias = model
    .byType('AWS::KMS::Alias')
    .find(
      (a) => typeof a.properties.AliasName === 'string' && flat.endsWith(a.properties.AliasName),
    );
  const target = alias && model.target(alias.properties.TargetKeyId);
  return target?.type === 'AWS::KMS::Key' ? target : undefined;
}

/** Whether a `KmsKeyId` names the AWS managed key of Secrets Manager (or is absent). */
export function isAwsManagedSecretsKey(model: TemplateModel, value: unknown): boolean {
  return value === undefined || /alias\/aws\/secretsmanager$/.test(model.flatten(value) ?? '');
}
