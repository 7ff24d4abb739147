import { asList } from './intrinsics';
import { ModelResource, TemplateModel } from './template-model';

/** A metric an alarm watches, with dimension values flattened. */
export interface AlarmMetric {
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

function dims(model: TemplateModel, raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of asList(raw)) {
    const { Name, Value } = (d ?? {}) as { Name?: unknown; Value?: unknown };
    if (typeof Name === 'string') out[Name] = model.flatten(Value) ?? '${?}';
  }
  return out;
}

/** Every metric an alarm watches: the single metric form and each metric of a math alarm. */
export function alarmMetrics(model: TemplateModel, alarm: ModelResource): AlarmMetric[] {
  const p = alarm.properties;
  const out: AlarmMetric[] = [];
  if (p.MetricName !== undefined) {
    out.push({
      namespace: model.flatten(p.Namespace),
      metricName: model.flatten(p.MetricName),
      dimensions: dims(model, p.Dimensions),
    });
  }
  for (const q of asList(p.Metrics)) {
    const metric = ((q ?? {}) as { MetricStat?: { Metric?: Record<string, unknown> } }).MetricStat
      ?.Metric;
    if (!metric) continue;
    out.push({
      namespace: model.flatten(metric.Namespace),
      metricName: model.flatten(metric.MetricName),
      dimensions: dims(model, metric.Dimensions),
    });
  }
  return out;
}

/** Every alarm of the template (metric alarms), computed once. */
export function metricAlarms(model: TemplateModel): readonly ModelResource[] {
  return model.byType('AWS::CloudWatch::Alarm');
}
