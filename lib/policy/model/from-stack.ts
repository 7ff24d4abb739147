import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnTemplate, TemplateModel } from './template-model';

/**
 * The model of a stack as it will be synthesized: every CfnResource of the stack (not of
 * nested stacks), resolved once. Tags come from aspects, so the app must have been
 * synthesized (or `Template.fromStack` called) for tags added with `Tags.of()` to show.
 */
export function stackModel(stack: Stack): TemplateModel {
  const resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> = {};
  for (const c of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(c) || Stack.of(c) !== stack) continue;
    // _toCloudFormation is what the stack itself renders; resolving it gives template JSON.
    const rendered = stack.resolve(
      (c as unknown as { _toCloudFormation(): object })._toCloudFormation(),
    ) as CfnTemplate;
    Object.assign(resources, rendered.Resources ?? {});
  }
  return TemplateModel.fromTemplate({ Resources: resources }, stack.node.path);
}
