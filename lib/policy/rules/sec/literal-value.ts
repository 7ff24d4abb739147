/**
 * Whether a flattened value is written out in the template: non-empty and free of anything
 * only CloudFormation knows (a parameter, a resource attribute, an import, a `{{resolve:...}}`
 * dynamic reference). Pseudo parameters (`${AWS::Region}`) do not make a value secret.
 */
export function isLiteralSecretValue(flat: string | undefined): boolean {
  if (flat === undefined || flat.trim() === '') return false;
  return !/\$\{(?:Ref|GetAtt|Param):|\$\{\?\}|\{\{resolve:/.test(flat);
}
